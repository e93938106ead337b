#!/usr/bin/env node
// Keeps every @backstage/* package on the one Backstage release named in backstage.json.
//
// Checks that (1) every direct @backstage/* dependency of every workspace is pinned to the
// release's exact version, (2) yarn.lock holds exactly one version of each @backstage/* package,
// and it is the release's, and (3) the root `resolutions` pin every one of them.
// `--fix` rewrites the pins and resolutions from the release file; run `yarn install` after it.
//
// The release file scripts/backstage-release-<version>.json lists the release's packages. It was
// derived from @backstage/create-app of that release: its own version table, plus the lower
// bounds of the @backstage/* ranges those packages declare (Backstage publishes `workspace:^`
// dependencies as `^<version in the release>`).
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fix = process.argv.includes('--fix');
const readJson = path => JSON.parse(readFileSync(join(root, path), 'utf8'));
const writeJson = (path, value) =>
  writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);

const { version: release } = readJson('backstage.json');
const releaseFile = `scripts/backstage-release-${release}.json`;
if (!existsSync(join(root, releaseFile))) {
  console.error(
    `No ${releaseFile}: list the release's package versions there first.`,
  );
  process.exit(1);
}
const versions = readJson(releaseFile);
const problems = [];

const workspaces = ['packages', 'plugins'].flatMap(dir =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .map(name => `${dir}/${name}/package.json`)
        .filter(path => existsSync(join(root, path)))
    : [],
);
for (const path of ['package.json', ...workspaces]) {
  const pkg = readJson(path);
  let changed = false;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const wanted = versions[name];
      if (!wanted) {
        problems.push(
          `${path}: ${name} is not in ${releaseFile}; add its ${release} version there.`,
        );
      } else if (
        field === 'peerDependencies'
          ? !range.includes(wanted.split('.')[0])
          : range !== wanted
      ) {
        if (fix && field !== 'peerDependencies') {
          pkg[field][name] = wanted;
          changed = true;
        } else {
          problems.push(
            `${path}: ${field}.${name} is "${range}"; Backstage ${release} ships ${wanted}. Pin it exactly.`,
          );
        }
      }
    }
  }
  if (changed) writeJson(path, pkg);
}

const lock = readFileSync(join(root, 'yarn.lock'), 'utf8');
const locked = new Map();
for (const entry of lock.split(/\n\n/)) {
  const header = /^"?(@backstage\/[^@"]+)@npm:/m.exec(entry);
  const version = /^\s+version: "?([^"\s]+)"?$/m.exec(entry);
  if (!header || !version) continue;
  const set = locked.get(header[1]) ?? new Set();
  set.add(version[1]);
  locked.set(header[1], set);
}
const rootPkg = readJson('package.json');
const resolutions = { ...(rootPkg.resolutions ?? {}) };
for (const [name, found] of [...locked.entries()].sort()) {
  const wanted = versions[name];
  if (!wanted) {
    problems.push(
      `yarn.lock: ${name} (${[...found].join(', ')}) is not in ${releaseFile}.`,
    );
    continue;
  }
  if (found.size > 1 || !found.has(wanted)) {
    problems.push(
      `yarn.lock: ${name} resolves to ${[...found].join(
        ', ',
      )}; Backstage ${release} ships ${wanted}.`,
    );
  }
  if (resolutions[name] !== wanted) {
    if (fix) resolutions[name] = wanted;
    else
      problems.push(
        `package.json: resolutions["${name}"] should be "${wanted}".`,
      );
  }
}
for (const name of Object.keys(resolutions)) {
  if (name.startsWith('@backstage/') && !locked.has(name)) {
    if (fix) delete resolutions[name];
    else
      problems.push(
        `package.json: resolutions["${name}"] pins a package nothing uses; remove it.`,
      );
  }
}
if (fix) {
  rootPkg.resolutions = Object.fromEntries(
    Object.entries(resolutions).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeJson('package.json', rootPkg);
  console.log(
    'Rewrote the pins and resolutions; now run yarn install and check again.',
  );
} else if (problems.length) {
  console.error(problems.join('\n'));
  console.error(
    `\n${problems.length} problem(s). \`node scripts/check-backstage-versions.mjs --fix\` rewrites the pins.`,
  );
  process.exit(1);
} else {
  console.log(
    `All ${locked.size} @backstage/* packages are on Backstage ${release}.`,
  );
}
