import { afterAll, describe, expect, it } from 'vitest';
import { isTandemError } from '../../src/core/errors.js';
import { translateDbError } from '../../src/store/db-errors.js';
import { backends } from '../helpers/stores.js';

const pg = backends().find((b) => b.name === 'postgres')!;

describe('U+0000 in text', () => {
  it('is bad input when PostgreSQL refuses it, in text or in JSON', () => {
    for (const code of ['22021', '22P05']) {
      const e = translateDbError(
        Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code }),
      );
      expect(isTandemError(e) && e.code).toBe('bad_input');
    }
  });

  describe.skipIf(pg.skip)('on PostgreSQL', () => {
    const backend = pg.make();
    afterAll(() => backend.cleanup());
    it('a store write of it fails as bad input, not an internal error', async () => {
      const store = await backend.open();
      try {
        const e = await store.users
          .create({ username: 'a\u0000b', role: 'annotator' }, 'test')
          .catch((x) => x);
        expect(translateDbError(e)).toMatchObject({ code: 'bad_input' });
      } finally {
        await store.close();
      }
    });
  });
});
