import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    [
      'import x = require(...)',
      'server/core/log.ts',
      "import createServer = require('../app/createServer.ts');",
    ],
    [
      'a dynamic import written as a template literal',
      'server/core/log.ts',
      'const m = await import(`../app/createServer.ts`);',
    ],
    [
      'a dynamic import with options',
      'server/core/log.ts',
      "const m = await import('../app/createServer.ts', { with: {} });",
    ],
    [
      'a .js specifier (resolved to the .ts file by tsc, tsx and esbuild)',
      'server/core/log.ts',
      "import { x } from '../app/createServer.js';",
    ],
    [
      'a client import of the server through a .js specifier',
      'client/api.ts',
      "import { x } from '../server/collab/Room.js';",
    ],
    [
      'an import after a line comment that mentions a glob (/*)',
      'server/core/log.ts',
      "// the stores under storage/*\nimport { x } from '../app/createServer.ts';\n/** A doc comment. */\nexport const y = 1;",
    ],
    [
      'an import between strings that hold /* and */',
      'server/core/log.ts',
      "const a = 'x/*';\nimport { x } from '../app/createServer.ts';\nconst b = '*/';",
    ],
    [
      'an import after a statement on the same line',
      'server/core/log.ts',
      "export const q = 1; import { x } from '../app/createServer.ts';",
    ],
    [
      'a worker or asset URL upward',
      'server/core/log.ts',
      "const url = new URL('../app/createServer.ts', import.meta.url);",
    ],
    [
      'require() through createRequire',
      'server/core/log.ts',
      "const m = require('../app/createServer.ts');",
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

  it('refuses an import that leaves the floors (test helpers, bench), through which any floor could reach any other', () => {
    const violations = checkImports(
      tree({ 'server/core/log.ts': "import { clock } from '../../test/helpers/clock.ts';" }),
    );
    expect(violations).toEqual([
      {
        kind: 'outside',
        message: expect.stringContaining('server/core/log.ts:1 imports test/helpers/clock.ts'),
      },
    ]);
  });

  it('accepts an asset beside the code (a stylesheet) that is not a script', () => {
    expect(checkImports(tree({ 'client/main.tsx': "import './styles.css';" }))).toEqual([]);
  });

  it('refuses an import by absolute path or file URL, which the floors cannot place', () => {
    for (const spec of ['/srv/referat/server/app/createServer.ts', 'file:///srv/referat/x.ts']) {
      const violations = checkImports(
        tree({ 'server/core/log.ts': `import { x } from '${spec}';` }),
      );
      expect(violations.map((v) => v.kind)).toEqual(['unreadable']);
    }
  });

  it('refuses a dynamic import it cannot read', () => {
    const source = "const name = 'createServer';\nconst m = await import(`../app/${name}.ts`);";
    const violations = checkImports(tree({ 'server/core/log.ts': source }));
    expect(violations.map((v) => v.kind)).toEqual(['unreadable']);
    expect(violations[0].message).toContain('server/core/log.ts:2');
  });

  it('does not count an import written inside a string or a line comment', () => {
    const source = [
      "// import { x } from '../app/createServer.ts';",
      "const doc = `import('../app/createServer.ts')`;",
      'const other = "\\nimport { y } from \'../app/createServer.ts\'";',
    ].join('\n');
    expect(checkImports(tree({ 'server/core/log.ts': source }))).toEqual([]);
  });

  it('places server/main.ts exactly, not every file whose name begins with it', () => {
    const violations = checkImports(tree({ 'server/main.tsx': 'export {}' }));
    expect(violations).toEqual([{ kind: 'unplaced', message: 'server/main.tsx is on no floor' }]);
  });

  it('reads every script module of the tree, not only .ts and .tsx', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'import-rules-'));
    try {
      for (const [file, source] of Object.entries({
        'server/core/a.mts': "import { x } from '../app/b.ts';",
        'server/core/c.js': "import { x } from '../app/b.ts';",
        'server/core/d.mjs': "import { x } from '../app/b.ts';",
        'server/core/e.d.ts': "import type { X } from '../app/b.ts';",
        'server/app/b.ts': 'export const x = 1;',
      })) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), source);
      }
      const files = readTree(root, ['server']);
      expect([...files.keys()].sort()).toEqual([
        'server/app/b.ts',
        'server/core/a.mts',
        'server/core/c.js',
        'server/core/d.mjs',
        'server/core/e.d.ts',
      ]);
      expect(checkImports(files).map((v) => v.kind)).toEqual([
        'upward',
        'upward',
        'upward',
        'upward',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
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
