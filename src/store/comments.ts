import type { Actor } from '../core/actor.js';
import { type Ctx, now } from './context.js';
import { appendEvent } from './events.js';

export interface Comment {
  id: number;
  recordId: number;
  username: string;
  body: string;
  createdAt: number;
}

/** Comments are bounded here too: a script writing straight to the store gets the same limit as the API. */
export const MAX_COMMENT_LENGTH = 10_000;

export async function addComment(
  ctx: Ctx,
  recordId: number,
  user: { id: number; username: string },
  body: string,
  actor: Actor,
): Promise<Comment> {
  const text = body.slice(0, MAX_COMMENT_LENGTH);
  const row = await ctx.db
    .insertInto('comments')
    .values({ record_id: recordId, user_id: user.id, body: text, created_at: now() })
    .returningAll()
    .executeTakeFirstOrThrow();
  const record = await ctx.db
    .selectFrom('records')
    .select('dataset_id')
    .where('id', '=', recordId)
    .executeTakeFirst();
  await appendEvent(ctx, {
    actor,
    action: 'comment.create',
    entityType: 'record',
    entityId: recordId,
    datasetId: record?.dataset_id ?? null,
    after: { body: text },
  });
  return { id: row.id, recordId, username: user.username, body: text, createdAt: row.created_at };
}

export async function commentsFor(ctx: Ctx, recordId: number): Promise<Comment[]> {
  const rows = await ctx.db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .select(['comments.id', 'comments.record_id', 'users.username', 'comments.body', 'comments.created_at'])
    .where('comments.record_id', '=', recordId)
    .orderBy('comments.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordId: r.record_id,
    username: r.username,
    body: r.body,
    createdAt: r.created_at,
  }));
}

export const commentsRepository = { add: addComment, forRecord: commentsFor };
