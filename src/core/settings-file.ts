import { z } from 'zod';
import { type DatasetSettings, datasetSettings } from './settings.js';
import { parseYamlWithSchema } from './yaml-source.js';

/** Parses a dataset settings file (YAML or JSON). Throws a bad_input TandemError naming key and line. */
export function parseSettings(text: string, file: string): DatasetSettings {
  return parseYamlWithSchema(text, file, datasetSettings);
}

/**
 * JSON Schema of a settings file, for editor autocompletion (`# yaml-language-server: $schema=…`).
 * Generated from the same zod schema that validates, so the two cannot drift apart.
 */
export function settingsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(datasetSettings, { io: 'input', unrepresentable: 'any' }),
    title: 'Tandem dataset settings',
  } as Record<string, unknown>;
}
