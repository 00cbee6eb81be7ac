/**
 * ESLint rule that enforces the layering in docs/ARCHITECTURE.md: which src/ folder may import which,
 * and which packages each runtime may load. A folder's rules list what it MAY import; everything else
 * is an error that names the layer rule it breaks.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const builtins = new Set(builtinModules);
const isBuiltin = (s) => s.startsWith('node:') || builtins.has(s.split('/')[0]);
const packageOf = (s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);

/** layer → { layers it may import, whether node builtins are allowed, packages allowed ('*' = any but the denied) } */
const RULES = {
  shared: { layers: ['shared'], node: false, packages: [] },
  engine: { layers: ['shared', 'engine'], node: true, packages: '*', deny: ['electron', 'react', 'react-dom', 'zustand'] },
  server: { layers: ['shared', 'engine', 'server'], node: true, packages: '*', deny: ['electron', 'react', 'react-dom', 'zustand'] },
  main: { layers: ['shared', 'engine', 'server', 'main'], node: true, packages: '*', deny: ['react', 'react-dom', 'zustand'] },
  preload: { layers: ['shared', 'preload'], node: false, packages: ['electron'] },
  renderer: { layers: ['shared', 'renderer'], node: false, packages: ['react', 'react-dom', 'zustand', 'obs-websocket-js', 'hls.js', '@jitsi/rnnoise-wasm'] },
};

function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return null;
  return rel.split(path.sep)[0];
}

const rule = {
  meta: { type: 'problem', docs: { description: 'enforce src/ layering' }, schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = layerOf(file);
    const rules = from && RULES[from];
    if (!rules) return {};
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), source));
        if (!to || !rules.layers.includes(to)) {
          context.report({ node, message: `src/${from} may not import from ${to ? `src/${to}` : 'outside src'} ('${source}'); allowed: ${rules.layers.map((l) => `src/${l}`).join(', ')}.` });
        }
        return;
      }
      if (isBuiltin(source)) {
        if (!rules.node) context.report({ node, message: `src/${from} runs without Node: '${source}' is not available there.` });
        return;
      }
      const pkg = packageOf(source);
      // Tests beside the code run under vitest in Node, whatever layer they test.
      if (/\.test\.tsx?$/.test(file) && pkg === 'vitest') return;
      const allowed = rules.packages === '*' ? !(rules.deny ?? []).includes(pkg) : rules.packages.includes(pkg);
      if (!allowed) context.report({ node, message: `src/${from} may not import the package '${pkg}'.` });
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') check(n, n.arguments[0].value);
      },
    };
  },
};

export default { rules: { layers: rule } };
