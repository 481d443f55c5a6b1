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
import ts from 'typescript';

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
  kind: 'upward' | 'cycle' | 'unplaced' | 'client-server' | 'unreadable' | 'outside';
  message: string;
}

/**
 * The module specifiers of one source file, read from its syntax tree so that
 * nothing in a comment or a string counts and nothing real is missed: `import`
 * and `export … from` (type-only where the whole clause is), `import x =
 * require(…)`, `require(…)`, `import(…)` (a string or a template literal
 * without substitutions), `import('…')` in a type, and `new URL('./…',
 * import.meta.url)` (how a worker or an asset is loaded). A dynamic import or
 * a require() whose specifier is not a literal is returned with `spec: null`.
 */
export function specifiersOf(
  file: string,
  source: string,
): { spec: string | null; typeOnly: boolean; line: number }[] {
  const kind = /\.[jt]sx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: { spec: string | null; typeOnly: boolean; line: number }[] = [];
  const add = (node: ts.Node, arg: ts.Node | undefined, typeOnly: boolean) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const spec =
      arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : null;
    found.push({ spec, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, Boolean(node.importClause?.isTypeOnly));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      add(node, ts.isLiteralTypeNode(arg) ? arg.literal : undefined, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (
        callee.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(callee) && callee.text === 'require')
      ) {
        add(node, node.arguments[0], false);
      }
    } else if (ts.isNewExpression(node) && isAssetUrl(node)) {
      add(node, node.arguments?.[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** `new URL('./…', import.meta.url)`: a file loaded at run time (a worker, an asset). */
function isAssetUrl(node: ts.NewExpression): boolean {
  const [spec, base] = node.arguments ?? [];
  return (
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'URL' &&
    spec !== undefined &&
    (ts.isStringLiteral(spec) || ts.isNoSubstitutionTemplateLiteral(spec)) &&
    spec.text.startsWith('.') &&
    base !== undefined &&
    ts.isPropertyAccessExpression(base) &&
    ts.isMetaProperty(base.expression) &&
    base.name.text === 'url'
  );
}

/** The file a relative specifier names, as tsc (moduleResolution Bundler), tsx and esbuild find it. */
function resolve(base: string, exists: (p: string) => boolean): string {
  const swapped = base.replace(/\.([mc]?)js(x?)$/, '.$1ts$2');
  const candidates = [
    base,
    swapped,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.d.ts`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ];
  return candidates.find(exists) ?? base;
}

/** The relative imports of one source file, resolved to repo paths. */
export function importsOf(
  file: string,
  source: string,
  exists: (p: string) => boolean,
): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const { spec, typeOnly, line } of specifiersOf(file, source)) {
    if (spec === null || !spec.startsWith('.')) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    edges.push({ from: file, to: resolve(base, exists), typeOnly, line });
  }
  return edges;
}

function floorOf(rules: ImportRules, file: string): number {
  // A prefix ending in '/' is a folder; any other names one file.
  return rules.floors.findIndex((f) =>
    f.prefixes.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)),
  );
}

/** Every violation of the rules in a set of files (repo-relative path -> source). */
export function checkImports(files: Map<string, string>, rules: ImportRules = RULES): Violation[] {
  const violations: Violation[] = [];
  const exists = (p: string) => files.has(p);
  const graph = new Map<string, ImportEdge[]>();
  for (const [file, source] of files) {
    graph.set(file, importsOf(file, source, exists));
    // A specifier the check cannot read is a dependency it cannot place.
    for (const { spec, line } of specifiersOf(file, source)) {
      if (spec !== null && /^(\/|file:)/.test(spec)) {
        violations.push({
          kind: 'unreadable',
          message: `${file}:${line} imports ${spec} by absolute path; import it relatively`,
        });
      }
      if (spec === null)
        violations.push({
          kind: 'unreadable',
          message: `${file}:${line} imports a module named at run time; name it with a string`,
        });
    }
  }

  for (const [file, edges] of graph) {
    const from = floorOf(rules, file);
    if (from < 0) {
      violations.push({ kind: 'unplaced', message: `${file} is on no floor` });
      continue;
    }
    for (const edge of edges) {
      if (!files.has(edge.to)) {
        // An asset on a floor (a stylesheet) is no module of the graph. A
        // relative import leaving the floors (test/, bench/) is refused: through
        // it any floor could reach any other unseen.
        if (floorOf(rules, edge.to) < 0) {
          violations.push({
            kind: 'outside',
            message: `${file}:${edge.line} imports ${edge.to}, which is on no floor`,
          });
        }
        continue;
      }
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

/** The script modules (TypeScript and JavaScript, declarations too) under the given folders of the repo. */
export function readTree(root: string, folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.[mc]?[jt]sx?$/.test(name))
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
