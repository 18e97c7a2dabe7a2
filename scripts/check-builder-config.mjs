// Offline check of electron-builder.config.cjs (npm run test:builder). Nothing is built or
// downloaded: the config is validated against electron-builder's own JSON schema with the
// validator electron-builder itself uses, and the packaging decisions that matter to us are
// checked explicitly (targets, resources, what `files` lets into the app, package.json main).
//
//   node scripts/check-builder-config.mjs [--root <project dir>] [--require-build]
//
// --root points the check at another project copy (used to prove it fails on a broken one);
// --require-build also demands the build outputs exist (run after `npm run build`).
// Exits 1 on any problem.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const scriptRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(option('--root') ?? scriptRoot);
const requireBuild = flag('--require-build');
const CONFIG_FILE = 'electron-builder.config.cjs';

// Resolve electron-builder's internals from this repository's node_modules even when --root
// points elsewhere.
const requireFromHere = createRequire(import.meta.url);
const appBuilderLibJson = requireFromHere.resolve('app-builder-lib/package.json');
const requireFromBuilder = createRequire(appBuilderLibJson);

const EXPECTED_TARGETS = { linux: ['AppImage', 'deb'], mac: ['dmg'], win: ['nsis'] };
const MIN_ICON_SIZE = 512;

/** Paths that must end up in the app (package.json main is added below). */
const MUST_SHIP = [
  'package.json',
  '.vite/build/main.cjs',
  '.vite/build/preload.cjs',
  '.vite/renderer/main_window/index.html',
  '.vite/renderer/main_window/assets/index-0a1b2c3d.js',
];
/** Paths that must never be packaged: sources, the dev-only preview bridge, tests, tooling. */
const MUST_NOT_SHIP = [
  'electron/preview/serve.ts',
  'electron/preview/bridge.ts',
  'electron/main.ts',
  'electron/core/accounts/secret-store.ts',
  'emulator/server.ts',
  'emulator/cli.ts',
  'renderer/App.tsx',
  'shared/contract/index.ts',
  'test/unit/example.test.ts',
  'test/e2e/example.spec.ts',
  'test/fixtures/world.json',
  'scripts/build.mjs',
  'forge.config.ts',
  'vite.main.config.ts',
  'tsconfig.json',
];

const problems = [];
const passed = [];
const notes = [];

function check(name, fn) {
  const before = problems.length;
  try {
    fn((message) => problems.push(`${name}: ${message}`));
  } catch (error) {
    problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (problems.length === before) passed.push(name);
}

const asArray = (value) => (value == null ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// ---- load ----
let config;
let pkg;
check('load', (fail) => {
  const configPath = path.join(root, CONFIG_FILE);
  if (!existsSync(configPath)) return fail(`${CONFIG_FILE} not found in ${root}`);
  const loaded = createRequire(configPath)(configPath);
  config = isObject(loaded?.default) ? loaded.default : loaded;
  if (!isObject(config)) return fail(`${CONFIG_FILE} must export a configuration object`);
  pkg = readJson(path.join(root, 'package.json'));
});

if (!config || !pkg) report();

// ---- schema ----
check('schema', (fail) => {
  const schema = readJson(path.join(path.dirname(appBuilderLibJson), 'scheme.json'));
  const ajvModule = requireFromBuilder('ajv');
  const Ajv = ajvModule.default ?? ajvModule;
  // Same options as electron-builder's own validator (app-builder-lib schemaValidator).
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validate(structuredClone(config))) return;
  const errors = validate.errors ?? [];
  // anyOf/oneOf report every failed branch; the specific errors are the useful ones.
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  for (const e of (specific.length ? specific : errors).slice(0, 10)) {
    const where = `configuration${e.instancePath.replaceAll('/', '.')}`;
    const extra = e.keyword === 'additionalProperties' ? ` '${e.params.additionalProperty}'` : '';
    fail(`${where} ${e.message}${extra}`);
  }
});

// ---- identity ----
check('identity', (fail) => {
  if (config.appId !== 'com.amiatlas.app') fail(`appId is ${JSON.stringify(config.appId)}, expected "com.amiatlas.app"`);
  if (config.productName !== 'AMI Atlas') fail(`productName is ${JSON.stringify(config.productName)}, expected "AMI Atlas"`);
  if (pkg.productName && pkg.productName !== config.productName) {
    fail(`package.json productName "${pkg.productName}" differs from the config's "${config.productName}"`);
  }
});

// ---- targets ----
const targetSummary = [];
check('targets', (fail) => {
  for (const [platform, expected] of Object.entries(EXPECTED_TARGETS)) {
    const platformConfig = config[platform];
    if (!isObject(platformConfig)) {
      fail(`no "${platform}" section`);
      continue;
    }
    const names = asArray(platformConfig.target).map((t) => (typeof t === 'string' ? t : t?.target));
    for (const name of expected) {
      if (!names.some((n) => typeof n === 'string' && n.toLowerCase() === name.toLowerCase())) {
        fail(`${platform} targets ${JSON.stringify(names)} lack ${name}`);
      }
    }
    targetSummary.push(`${platform}: ${names.join(', ')}`);
  }
  const linux = config.linux ?? {};
  if (linux.category !== 'Development') fail(`linux.category is ${JSON.stringify(linux.category)}, expected "Development"`);
  const maintainer = linux.maintainer ?? config.deb?.maintainer;
  if (typeof maintainer !== 'string' || !/^[^<>]+<[^<>@\s]+@[^<>\s]+>$/.test(maintainer.trim())) {
    fail(`the deb package needs a maintainer like "Name <email>", got ${JSON.stringify(maintainer)}`);
  }
  if (config.mac?.hardenedRuntime !== true) fail('mac.hardenedRuntime must be true (notarization requires it)');
});

// ---- packaging options ----
check('packaging', (fail) => {
  if (config.asar !== true) fail(`asar must be true, is ${JSON.stringify(config.asar)}`);
  if (config.npmRebuild === false) fail('npmRebuild must not be false: keytar has to be rebuilt for Electron');
  const deps = Object.keys(pkg.dependencies ?? {});
  if (!deps.includes('keytar')) fail('keytar is not a runtime dependency in package.json');
});

// ---- fuses ----
// The shipped binary holds AWS secrets: it must not run as plain Node, take NODE_OPTIONS or
// Node's --inspect switches (electron/launch-switches.ts refuses Chromium's debugging switches),
// and it only loads its own, integrity-checked app.asar.
const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};
check('fuses', (fail) => {
  const fuses = config.electronFuses;
  if (!isObject(fuses)) return fail('electronFuses is not set: the shipped binary would accept --inspect and NODE_OPTIONS');
  for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[fuse] !== wanted) fail(`electronFuses.${fuse} must be ${wanted}, is ${JSON.stringify(fuses[fuse])}`);
  }
});

// ---- resources ----
function pngSize(file) {
  const bytes = readFileSync(file);
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature || bytes.subarray(12, 16).toString('ascii') !== 'IHDR') {
    throw new Error(`${path.relative(root, file)} is not a PNG file`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

check('resources', (fail) => {
  const resources = path.join(root, config.directories?.buildResources ?? 'build');
  if (!existsSync(resources) || !statSync(resources).isDirectory()) {
    fail(`build resources folder ${path.relative(root, resources)}/ is missing`);
  }
  // electron-builder looks for <buildResources>/icon.png unless an icon is configured.
  const icons = new Set(
    [config.icon, config.linux?.icon, config.mac?.icon, config.win?.icon]
      .filter((icon) => typeof icon === 'string')
      .map((icon) => path.resolve(root, icon)),
  );
  if (icons.size === 0) icons.add(path.join(resources, 'icon.png'));
  for (const icon of icons) {
    const shown = path.relative(root, icon);
    if (!existsSync(icon)) {
      fail(`icon ${shown} is missing (generate it with: node scripts/make-icon.mjs)`);
      continue;
    }
    if (icon.endsWith('.png')) {
      const { width, height } = pngSize(icon);
      if (width !== height || width < MIN_ICON_SIZE) {
        fail(`icon ${shown} is ${width}x${height}; electron-builder needs a square of at least ${MIN_ICON_SIZE}px`);
      }
    }
  }
  for (const key of ['entitlements', 'entitlementsInherit']) {
    const value = config.mac?.[key];
    if (key === 'entitlements' && typeof value !== 'string') {
      fail('mac.entitlements is not set (the hardened runtime needs allow-jit for V8)');
      continue;
    }
    if (typeof value !== 'string') continue;
    const file = path.resolve(root, value);
    if (!existsSync(file)) {
      fail(`mac.${key} file ${value} is missing`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (!text.includes('<plist') || !text.includes('com.apple.security.cs.allow-jit')) {
      fail(`${value} is not a plist granting com.apple.security.cs.allow-jit`);
    }
  }
});

// ---- files ----
// Mirrors how electron-builder filters app files (app-builder-lib fileMatcher + util/filter):
// minimatch with {dot: true}; a plain pattern without a dot also matches everything below it;
// patterns apply in order, later negations removing what earlier ones added; package.json is
// always added.
function makeFilter(patterns) {
  const { Minimatch } = requireFromBuilder('minimatch');
  const list = [...patterns];
  if (!list.includes('package.json')) list.push('package.json');
  const parsed = [];
  for (let pattern of list) {
    if (pattern.startsWith('./')) pattern = pattern.slice(2);
    const m = new Minimatch(pattern, { dot: true });
    parsed.push(m);
    const magic = m.set.length > 1 || m.set[0].some((part) => typeof part !== 'string');
    if (!pattern.includes('.') && !magic) parsed.push(new Minimatch(`${pattern}/**/*`, { dot: true }));
  }
  return (file) => {
    let match = false;
    for (const m of parsed) {
      if (match !== m.negate) continue;
      match = m.match(file);
    }
    return match;
  };
}

/** Every file in the project, relative, without node_modules and VCS/output folders. */
function projectFiles(dir = root, prefix = '') {
  const skip = new Set(['node_modules', '.git', 'dist', 'out']);
  const result = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name) && prefix === '') continue;
    const rel = prefix + entry.name;
    if (entry.isDirectory()) result.push(...projectFiles(path.join(dir, entry.name), `${rel}/`));
    else if (entry.isFile()) result.push(rel);
  }
  return result;
}

let shippedCount = 0;
check('files', (fail) => {
  const files = asArray(config.files);
  if (files.length === 0) return fail('"files" is empty: electron-builder would package the whole project');
  if (files.some((f) => typeof f !== 'string')) return fail('"files" must be plain glob strings for this check');
  const ships = makeFilter(files);

  const main = typeof pkg.main === 'string' ? path.posix.normalize(pkg.main) : null;
  if (!main || !main.startsWith('.vite/build/')) fail(`package.json main must point into .vite/build/, is ${JSON.stringify(pkg.main)}`);
  for (const file of [...MUST_SHIP, ...(main ? [main] : [])]) {
    if (!ships(file)) fail(`${file} would be left out of the app`);
  }
  for (const file of MUST_NOT_SHIP) {
    if (ships(file)) fail(`${file} would be packaged`);
  }
  // What exists right now: only build output and package.json may go in.
  for (const file of projectFiles()) {
    if (!ships(file)) continue;
    shippedCount += 1;
    if (file !== 'package.json' && !file.startsWith('.vite/build/') && !file.startsWith('.vite/renderer/')) {
      fail(`${file} would be packaged (only .vite/build, .vite/renderer and package.json belong in the app)`);
    }
    if (/(^|\/)preview(\/|\.)/.test(file) && file.startsWith('.vite/build/')) {
      fail(`${file} looks like the dev-only preview bridge and would be packaged`);
    }
  }
});

// ---- build outputs ----
check('build outputs', (fail) => {
  const wanted = [pkg.main, '.vite/build/preload.cjs', '.vite/renderer/main_window/index.html'].filter(Boolean);
  const missing = wanted.filter((file) => !existsSync(path.join(root, file)));
  if (missing.length === 0) return;
  if (requireBuild) fail(`missing ${missing.join(', ')} (run npm run build first)`);
  else notes.push(`not built yet (${missing.join(', ')} missing); pass --require-build after npm run build to check them`);
});

// ---- the demo emulator is loaded on demand ----
// main.cjs and what it requires at start must not hold the emulator: it is a chunk of its own,
// imported when the demo opens (electron/demo/start-demo-emulator.ts).
check('emulator on demand', (fail) => {
  const buildDir = path.join(root, '.vite/build');
  const entry = path.join(root, pkg.main ?? '.vite/build/main.cjs');
  if (!existsSync(entry)) return;
  const seen = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Top-level requires only: the dynamic import is a require inside a function, a later load.
    for (const [, name] of text.matchAll(/^(?:(?:const|let|var) [\w$]+ = )?require\("\.\/([^"]+\.cjs)"\)/gm)) pending.push(path.join(buildDir, name));
  }
  const eager = [...seen].filter((f) => /function startEmulator\b/.test(readFileSync(f, 'utf8')));
  if (eager.length > 0) fail(`the emulator is loaded at start by ${eager.map((f) => path.relative(root, f)).join(', ')}; import it dynamically`);
});

report();

function report() {
  for (const note of notes) console.log(`note: ${note}`);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`FAIL ${problem}`);
    console.error(`builder config: ${problems.length} problem(s) in ${CONFIG_FILE}`);
    process.exit(1);
  }
  console.log(
    `builder config: OK (${passed.length} checks: ${passed.join(', ')}; ${targetSummary.join('; ')}; ` +
      `${shippedCount} project file(s) would be packaged now)`,
  );
  process.exit(0);
}
