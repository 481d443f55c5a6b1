import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkImports, readTree, RULES } from '../tools/importRules.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A small tree in the floors' layout; each test plants one change in it. */
function tree(extra: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries({
      'server/main.ts': "import { createServer } from './app/createServer.ts';",
      'server/app/createServer.ts':
        "import { meetingRoutes } from '../resources/meetings/routes.ts';\nimport { Room } from '../collab/Room.ts';",
      'server/app/api.ts': "import type { X } from '../resources/meetings/routes.ts';",
      'server/resources/meetings/routes.ts':
        "import { Room } from '../../collab/Room.ts';\nimport { AppError } from '../../core/errors.ts';",
      'server/resources/approvals/service.ts': "import { x } from '../meetings/routes.ts';",
      'server/collab/Room.ts':
        "import type { Storage } from '../storage/Storage.ts';\nimport { MeetingHooks } from '../core/hooks.ts';",
      'server/storage/Storage.ts': "import { AppError } from '../core/errors.ts';",
      'server/core/errors.ts': "import { codes } from '../../shared/api/errors.ts';",
      'server/core/hooks.ts': "import type { Logger } from './log.ts';",
      'server/core/log.ts': 'export const x = 1;',
      'shared/api/errors.ts': 'export const codes = [];',
      'client/api.ts':
        "import type { ApiType } from '../server/app/api.ts';\nimport { codes } from '../shared/api/errors.ts';",
      ...extra,
    }),
  );
}

describe('import rules', () => {
  it('accepts a tree whose imports all point down', () => {
    expect(checkImports(tree())).toEqual([]);
  });

  it.each([
    [
      'collab -> resources',
      'server/collab/Room.ts',
      "import { MeetingStore } from '../resources/meetings/routes.ts';",
    ],
    [
      'core -> collab (type only)',
      'server/core/hooks.ts',
      "import type { Room } from '../collab/Room.ts';",
    ],
    ['storage -> collab', 'server/storage/Storage.ts', "export { Room } from '../collab/Room.ts';"],
    [
      'resources -> app',
      'server/resources/meetings/routes.ts',
      "import { x } from '../../app/createServer.ts';",
    ],
    [
      'shared -> server',
      'shared/api/errors.ts',
      "import { AppError } from '../../server/core/errors.ts';",
    ],
    [
      'client -> server at run time',
      'client/api.ts',
      "import { api } from '../server/app/api.ts';",
    ],
    [
      'client -> server beyond the API type',
      'client/api.ts',
      "import type { Room } from '../server/collab/Room.ts';",
    ],
    [
      'a dynamic import upward',
      'server/core/log.ts',
      "const m = await import('../app/createServer.ts');",
    ],
  ])('refuses a planted upward import: %s', (_name, file, source) => {
    const violations = checkImports(tree({ [file]: source }));
    expect(violations.map((v) => v.kind)).toContainEqual(
      expect.stringMatching(/upward|client-server/),
    );
    expect(violations[0].message).toContain(file);
  });

  it('refuses a cycle inside one floor, naming its files', () => {
    const violations = checkImports(
      tree({
        'server/resources/meetings/routes.ts': "import { y } from '../approvals/service.ts';",
      }),
    );
    expect(violations).toEqual([
      {
        kind: 'cycle',
        message: expect.stringMatching(
          /approvals\/service\.ts -> .*meetings\/routes\.ts -> .*approvals\/service\.ts/,
        ),
      },
    ]);
  });

  it('refuses a file that is on no floor', () => {
    const violations = checkImports(tree({ 'server/elsewhere.ts': 'export {}' }));
    expect(violations).toEqual([
      { kind: 'unplaced', message: 'server/elsewhere.ts is on no floor' },
    ]);
  });

  it('ignores imports inside comments and of packages', () => {
    const source = "/* import { x } from '../app/createServer.ts'; */\nimport { z } from 'zod';";
    expect(checkImports(tree({ 'server/core/log.ts': source }))).toEqual([]);
  });

  it('holds for the repository itself', () => {
    const files = readTree(ROOT, ['client', 'server', 'shared']);
    expect(files.size).toBeGreaterThan(200);
    expect(checkImports(files, RULES)).toEqual([]);
  });
});
