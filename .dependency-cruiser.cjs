/**
 * The package layering, enforced on every `npm test` (see docs/architecture.md).
 * Dependencies point inward to core; only apps wire everything together.
 */
const layers = {
  core: [],
  testing: ['core'],
  'sqlite-adapter': ['core'],
  'sqs-adapter': ['core'],
  'reduce-mode': ['core', 'sqlite-adapter'],
  'job-tracking': ['core', 'sqlite-adapter'],
  'ecs-task-mode': ['core'],
  dashboard: ['core', 'job-tracking'],
  template: [],
  cli: ['core', 'sqlite-adapter', 'sqs-adapter', 'reduce-mode', 'job-tracking', 'ecs-task-mode', 'dashboard', 'template'],
};

/** One rule per package: it may import only the packages listed for it above. */
const layerRules = Object.entries(layers).map(([pkg, allowed]) => ({
  name: `layer-${pkg}`,
  comment: `packages/${pkg} may depend only on: ${allowed.join(', ') || 'nothing of the project'}`,
  severity: 'error',
  from: { path: `^packages/${pkg}/src` },
  to: {
    path: '^packages/([^/]+)/',
    pathNot: [`^packages/(${[pkg, ...allowed].join('|')})/`],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'Import cycles make load order fragile and layering meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-upward-to-apps',
      comment: 'Packages never import applications.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-deep-src-imports',
      comment: "Import another package by its name, never by reaching into its src/.",
      severity: 'error',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^packages/([^/]+)/src/', pathNot: '^packages/$2/src/' },
    },
    {
      name: 'src-not-from-tests',
      comment: 'Shipped code never imports test files.',
      severity: 'error',
      from: { path: '/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '(\\.test\\.ts$|/test/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/)' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
