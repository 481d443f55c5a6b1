/**
 * The import rule: modules import only downward, and nothing imports in a
 * circle. `npm test` runs this over client/, server/ and shared/ (see
 * `docs/architecture.md`, "Floors"); `checkImports` is pure so that its own
 * test can plant an upward import in a made-up tree.
 *
 * Floors of the server, top to bottom (a file may import its own floor or
 * any floor below it, never one above):
 *   app       server/main.ts, server/app/          creation, route mounting, jobs
 *   resources server/resources/                    meetings, invites, approvals, …
 *   collab    server/collab/                       rooms, connections, the update guard
 *   storage   server/storage/                      storage interfaces and their files
 *   core      server/core/                         errors, validation, hooks, log, config
 * and shared/ under all of them. The client imports shared/ and, type only,
 * the server's API type (erased at build). shared/ imports only shared/.
 * Type-only imports count like any other: a type that points up is a
 * dependency that points up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Floor {
  name: string;
  /** Path prefixes (relative to the repo, with '/') of the files on this floor. */
  prefixes: string[];
}

export interface ImportRules {
  /** Top to bottom. A file matching none of them is reported. */
  floors: Floor[];
  /**
   * Imports allowed across the floors' order anyway, as `from -> to` prefixes,
   * each with its reason. Type-only where `typeOnly` is set.
   */
  exceptions: { from: string; to: string; typeOnly: boolean; why: string }[];
}

export const RULES: ImportRules = {
  floors: [
    { name: 'client', prefixes: ['client/'] },
    { name: 'app', prefixes: ['server/main.ts', 'server/app/'] },
    { name: 'resources', prefixes: ['server/resources/'] },
    { name: 'collab', prefixes: ['server/collab/'] },
    { name: 'storage', prefixes: ['server/storage/'] },
    { name: 'core', prefixes: ['server/core/'] },
    { name: 'shared', prefixes: ['shared/'] },
  ],
  exceptions: [
    {
      from: 'client/',
      to: 'server/app/api.ts',
      typeOnly: true,
      why: 'the typed API client reads the route types; erased at build',
    },
  ],
};

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

export interface Violation {
  kind: 'upward' | 'cycle' | 'unplaced' | 'client-server';
  message: string;
}

const IMPORT_RE =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative imports of one source file, resolved to repo paths. */
export function importsOf(
  file: string,
  source: string,
  exists: (p: string) => boolean,
): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const stripped = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  for (const m of stripped.matchAll(IMPORT_RE)) {
    const spec = m[3] ?? m[4];
    if (!spec || !spec.startsWith('.')) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(exists) ?? base;
    const before = stripped.slice(0, m.index ?? 0);
    const line = before.split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    // `import type {…}` and `export type {…}` are type-only; so is a dynamic import in a type position, which we do not use.
    edges.push({ from: file, to: target, typeOnly: Boolean(m[2]), line });
  }
  return edges;
}

function floorOf(rules: ImportRules, file: string): number {
  return rules.floors.findIndex((f) => f.prefixes.some((p) => file === p || file.startsWith(p)));
}

/** Every violation of the rules in a set of files (repo-relative path -> source). */
export function checkImports(files: Map<string, string>, rules: ImportRules = RULES): Violation[] {
  const violations: Violation[] = [];
  const exists = (p: string) => files.has(p);
  const graph = new Map<string, ImportEdge[]>();
  for (const [file, source] of files) graph.set(file, importsOf(file, source, exists));

  for (const [file, edges] of graph) {
    const from = floorOf(rules, file);
    if (from < 0) {
      violations.push({ kind: 'unplaced', message: `${file} is on no floor` });
      continue;
    }
    for (const edge of edges) {
      if (!files.has(edge.to)) continue; // outside the checked tree (node_modules, test helpers)
      const to = floorOf(rules, edge.to);
      const allowed = rules.exceptions.some(
        (e) =>
          file.startsWith(e.from) && edge.to.startsWith(e.to) && (edge.typeOnly || !e.typeOnly),
      );
      if (allowed) continue;
      const fromName = rules.floors[from].name;
      const toName = to < 0 ? '?' : rules.floors[to].name;
      if (fromName === 'client' ? toName !== 'client' && toName !== 'shared' : to < from) {
        violations.push({
          kind: fromName === 'client' || toName === 'client' ? 'client-server' : 'upward',
          message: `${file}:${edge.line} (${fromName}) imports ${edge.to} (${toName}), which is above it`,
        });
      }
    }
  }

  for (const cycle of cyclesOf(graph)) {
    violations.push({ kind: 'cycle', message: `cycle: ${[...cycle, cycle[0]].join(' -> ')}` });
  }
  return violations;
}

/** The strongly connected components of more than one file (or a file importing itself), each as one cycle through them. */
export function cyclesOf(graph: Map<string, ImportEdge[]>): string[][] {
  // Tarjan's algorithm, iterative so that a long chain cannot overflow the stack.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const next = (n: string) => (graph.get(n) ?? []).map((e) => e.to).filter((t) => graph.has(t));

  for (const start of graph.keys()) {
    if (indices.has(start)) continue;
    const work: { node: string; children: string[]; i: number }[] = [];
    const visit = (node: string) => {
      indices.set(node, index);
      low.set(node, index);
      index++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: next(node), i: 0 });
    };
    visit(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.i < top.children.length) {
        const child = top.children[top.i++];
        if (!indices.has(child)) visit(child);
        else if (onStack.has(child))
          low.set(top.node, Math.min(low.get(top.node)!, indices.get(child)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === indices.get(top.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== top.node);
        const selfLoop = next(top.node).includes(top.node);
        if (component.length > 1 || selfLoop) cycles.push(pathThrough(component, next));
      }
    }
  }
  return cycles;
}

/** One concrete cycle inside a strongly connected component, for the message. */
function pathThrough(component: string[], next: (n: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const child of next(node)) {
      if (!members.has(child)) continue;
      if (child === start) {
        const cycle = [node];
        while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0])!);
        return cycle;
      }
      if (!previous.has(child)) {
        previous.set(child, node);
        queue.push(child);
      }
    }
  }
  return component;
}

/** The TypeScript sources under the given folders of the repo. */
export function readTree(root: string, folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
        files.set(rel, readFileSync(path.join(root, rel), 'utf8'));
    }
  };
  for (const folder of folders) walk(folder);
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '../..');
  const files = readTree(root, ['client', 'server', 'shared']);
  const violations = checkImports(files);
  const edges = [...files].reduce(
    (n, [f, s]) => n + importsOf(f, s, (p) => files.has(p)).length,
    0,
  );
  for (const v of violations) process.stdout.write(`${v.kind}: ${v.message}\n`);
  process.stdout.write(
    `import rules: ${files.size} files, ${edges} relative imports, ${violations.length} violation(s)\n`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
