import { isTandemError, type TandemError } from '../../src/core/errors.js';
import { loadRecipe } from '../../src/stages/generate/recipe/load.js';

/** The TandemError a recipe is refused with; fails the test when the recipe loads. */
export function recipeError(text: string, name = 'r.yaml'): TandemError {
  try {
    loadRecipe(text, name);
  } catch (e) {
    if (isTandemError(e)) return e;
    throw e;
  }
  throw new Error('expected the recipe to be rejected');
}
