/** Texts shared by the quality tests. */
import type { QualityResult } from '../../src/text/quality/result.js';

/** A clean encyclopaedia-style text: 109 words, 3 paragraph lines, 6 sentences. */
export const CLEAN = `The history of the city goes back to the Roman period, when a small settlement was founded on the banks of the river. Over the following centuries it grew into an important market town, and by the twelfth century it had a charter and a wall.
During the industrial revolution the population increased rapidly. New factories were built along the canal, and workers moved in from the surrounding villages to find employment in the mills.
Today the city is known for its university, its museums and its parks. Tourism has become an important part of the local economy, with visitors coming to see the cathedral and the old town.`;

/** Twelve distinct sentences of 8–12 words, none repeated, for building longer clean texts. */
export const SENTENCES = [
  'The river flows slowly through the valley towards the distant sea.',
  'Farmers in the region grow wheat, barley and several kinds of fruit.',
  'A narrow bridge connects the old quarter with the modern district.',
  'Every summer the town hosts a festival of music and theatre.',
  'The museum holds paintings collected by a wealthy merchant family.',
  'Children walk to school along a path lined with chestnut trees.',
  'Local bakers still use recipes that are several centuries old.',
  'The railway station was rebuilt after a fire destroyed the original.',
  'Fishermen sell their catch at the harbour early in the morning.',
  'Historians disagree about the origin of the name of the castle.',
  'A small library lends books to readers from nearby villages.',
  'The mayor announced plans to restore the medieval city walls.',
];

/** The names of the rules a result failed. */
export function rules(result: QualityResult<unknown>): string[] {
  return result.failures.map((f) => f.rule);
}
