import { badInput } from '../../../../core/errors.js';
import { NAME_LISTS, type NameList, type NameLocale } from './lists.js';

/** Languages with more than one list, and the list a bare language tag gets. */
const LANGUAGE_DEFAULT: Readonly<Record<string, NameLocale>> = { en: 'en-US' };

const hasList = (tag: string): tag is NameLocale => Object.hasOwn(NAME_LISTS, tag);

/** Every tag `resolveNameLocale` accepts directly (others fall back to their language part). */
export function supportedNameLocales(): string[] {
  return [...Object.keys(LANGUAGE_DEFAULT), ...Object.keys(NAME_LISTS)].sort();
}

/**
 * The name list for a BCP 47-ish tag: the exact locale (`en-GB`), else its language (`pt-BR` → `pt`,
 * `en` → `en-US`), else undefined. Case and `_` vs `-` do not matter (`EN_gb` is `en-GB`).
 */
export function findNameLocale(tag: string): NameLocale | undefined {
  const [language = '', region] = tag.trim().replace(/_/g, '-').split('-');
  const lang = language.toLowerCase();
  const full = region === undefined ? lang : `${lang}-${region.toUpperCase()}`;
  if (hasList(full)) return full;
  if (hasList(lang)) return lang;
  return LANGUAGE_DEFAULT[lang];
}

/** Like `findNameLocale`, but an unknown tag is a bad_input error that lists what is supported. */
export function resolveNameLocale(tag: string): NameLocale {
  const found = findNameLocale(tag);
  if (found) return found;
  throw badInput(`no names for locale '${tag}'; supported: ${supportedNameLocales().join(', ')}`);
}

export function nameList(locale: NameLocale): NameList {
  return NAME_LISTS[locale];
}
