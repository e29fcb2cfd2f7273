import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/core/values.js';
import { spanVote } from '../../src/stats/aggregation/spans.js';

const s = (start: number, end: number, label: string): Span => ({ start, end, label });

describe('spanVote', () => {
  it('tags characters a majority tagged and merges neighbours into one span', () => {
    const r = spanVote([[s(0, 4, 'X'), s(6, 9, 'Y')], [s(0, 4, 'X'), s(6, 8, 'Y')], [s(1, 5, 'X')]]);
    // X: [0,1) 2/3, [1,4) 3/3 → one span [0,4); [4,5) only 1/3. Y: [6,8) 2/3, [8,9) 1/3.
    expect(r.value).toEqual([
      { start: 0, end: 4, label: 'X', confidence: (2 / 3 + 3) / 4 },
      { start: 6, end: 8, label: 'Y', confidence: 2 / 3 },
    ]);
    // (char, label) agreement: 2/3·1 + 1·3 + 2/3·1 + 2/3·2 + 2/3·1 over 8
    expect(r.confidence).toBeCloseTo(19 / 24, 12);
    expect(r.tied).toBe(false);
  });

  it('keeps adjacent spans with different labels apart', () => {
    const answer = [s(0, 3, 'A'), s(3, 5, 'B')];
    expect(spanVote([answer, answer]).value).toEqual([
      { start: 0, end: 3, label: 'A', confidence: 1 },
      { start: 3, end: 5, label: 'B', confidence: 1 },
    ]);
  });

  it('needs more than half: an even split is no span, and is reported as a tie', () => {
    const r = spanVote([[s(0, 2, 'X')], [s(0, 2, 'Y')]]);
    expect(r).toEqual({ value: [], confidence: 0.5, tied: true });
    expect(spanVote([[s(0, 2, 'X')], []]).value).toEqual([]);
  });

  it('with a lower threshold and no overlap, the strongest label wins, ties by label order', () => {
    const r = spanVote([[s(0, 2, 'X')], [s(0, 2, 'Y')]], { threshold: 0.4, labels: ['Y', 'X'] });
    expect(r.value).toEqual([{ start: 0, end: 2, label: 'Y', confidence: 0.5 }]);
    expect(r.tied).toBe(true);
  });

  it('rejects overlapping spans from one annotator unless overlap is allowed', () => {
    const answers = [[s(0, 5, 'ORG'), s(0, 3, 'PER')], [s(0, 5, 'ORG'), s(0, 3, 'PER')], [s(0, 5, 'ORG')]];
    expect(() => spanVote(answers)).toThrow(/annotator 0: .* overlap/);
    expect(spanVote(answers, { allowOverlap: true }).value).toEqual([
      { start: 0, end: 3, label: 'PER', confidence: 2 / 3 },
      { start: 0, end: 5, label: 'ORG', confidence: 1 },
    ]);
  });

  it("counts one annotator's overlapping same-label spans once", () => {
    // Counted twice, [2,4) would have 2 of 3 votes.
    expect(spanVote([[s(0, 4, 'X'), s(2, 6, 'X')], [], []], { allowOverlap: true }).value).toEqual([]);
  });

  it('rejects empty or negative spans; no tags at all is unanimous', () => {
    expect(() => spanVote([[s(3, 3, 'X')]])).toThrow(/start < end/);
    expect(() => spanVote([[s(-1, 3, 'X')]])).toThrow(/start < end/);
    expect(spanVote([[], []])).toEqual({ value: [], confidence: 1, tied: false });
    expect(spanVote([])).toEqual({ value: [], confidence: 0, tied: false });
  });

  it('works in UTF-16 code units with emoji, ZWJ sequences and CJK', () => {
    const text = '会議は東京で😀、田中さん👩‍💻と';
    // 会0 議1 は2 東3 京4 で5 😀6–7 、8 田9 中10 さ11 ん12 👩13–14 ZWJ15 💻16–17 と18
    expect(text.length).toBe(19);
    const r = spanVote(
      [
        [s(3, 5, 'PLACE'), s(6, 8, 'EMOJI'), s(9, 13, 'PERSON'), s(13, 18, 'EMOJI')],
        [s(3, 5, 'PLACE'), s(9, 18, 'PERSON')],
        [s(3, 4, 'PLACE'), s(6, 8, 'EMOJI'), s(9, 13, 'PERSON'), s(13, 18, 'EMOJI')],
      ],
      { labels: ['PERSON', 'PLACE', 'EMOJI'] },
    );
    expect(r.value).toEqual([
      { start: 3, end: 5, label: 'PLACE', confidence: (1 + 2 / 3) / 2 },
      { start: 6, end: 8, label: 'EMOJI', confidence: 2 / 3 },
      { start: 9, end: 13, label: 'PERSON', confidence: 1 },
      { start: 13, end: 18, label: 'EMOJI', confidence: 2 / 3 },
    ]);
    expect(r.value.map((v) => text.slice(v.start, v.end))).toEqual(['東京', '😀', '田中さん', '👩‍💻']);
    // PLACE 1·1 + 2/3·1; EMOJI 2/3·2; PERSON 1·4; at [13,18) PERSON (lost) 2/3·5 and EMOJI 2/3·5
    expect(r.confidence).toBeCloseTo(41 / 54, 12);
  });
});
