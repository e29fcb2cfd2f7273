import { useCallback, useRef, useState } from 'react';
import { own } from '../../../src/core/own.js';
import type { AnswerValue, QuestionSettings, Values } from '../api/types';
import { applyKey } from '../logic/keys';

export interface QuestionFormState {
  values: Values;
  setValue: (name: string, value: AnswerValue) => void;
  /** Incremented on every change the user makes (drafts save on it). */
  changes: number;
  active: number;
  setActive: (index: number) => void;
  /** Make a question active and move focus to it. */
  focusQuestion: (index: number) => void;
  registerSection: (index: number, el: HTMLElement | null) => void;
  /** Answer keys for the active question and ArrowUp/Down between questions; true when taken. */
  handleKey: (e: KeyboardEvent) => boolean;
}

export function useQuestionForm(questions: QuestionSettings[], initial: Values): QuestionFormState {
  const [values, setValues] = useState<Values>(initial);
  const [changes, setChanges] = useState(0);
  const [active, setActive] = useState(0);
  const sections = useRef(new Map<number, HTMLElement>());
  const lastKey = useRef<{ key: string; at: number; question: number } | null>(null);

  const setValue = useCallback((name: string, value: AnswerValue) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    setChanges((c) => c + 1);
  }, []);

  const registerSection = useCallback((index: number, el: HTMLElement | null) => {
    if (el) sections.current.set(index, el);
    else sections.current.delete(index);
  }, []);

  const focusQuestion = useCallback(
    (index: number) => {
      const i = Math.max(0, Math.min(questions.length - 1, index));
      setActive(i);
      const el = sections.current.get(i);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView?.({ block: 'nearest' });
    },
    [questions.length],
  );

  const handleKey = (e: KeyboardEvent): boolean => {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.shiftKey && questions.length > 1) {
      focusQuestion(active + (e.key === 'ArrowDown' ? 1 : -1));
      return true;
    }
    const q = questions[active];
    if (!q) return false;
    const now = performance.now();
    const prev = lastKey.current;
    const ctx =
      prev && prev.question === active ? { previousKey: prev.key, sincePreviousMs: now - prev.at } : {};
    lastKey.current = { key: e.key, at: now, question: active };
    const next = applyKey(q, own(values, q.name), e.key, ctx);
    if (next === undefined) return false;
    setValue(q.name, next);
    return true;
  };

  return { values, setValue, changes, active, setActive, focusQuestion, registerSection, handleKey };
}
