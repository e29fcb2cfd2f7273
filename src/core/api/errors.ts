import { z } from 'zod';

/** Every error the API answers with: a stable code (`core/errors.ts`) and a message fit to show. */
export const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiError>;
