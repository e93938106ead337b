/*
 * Regenerates docs/controls/ from the control catalog.
 * Run with `yarn docs:controls` in plugins/azure-openai-common.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderControlDocs } from '../src/docs/renderControlDocs';

const target = path.resolve(__dirname, '../../../docs/controls');
const files = renderControlDocs();
fs.mkdirSync(target, { recursive: true });
for (const existing of fs.readdirSync(target)) {
  if (existing.endsWith('.md') && !(existing in files)) {
    fs.rmSync(path.join(target, existing));
  }
}
for (const [name, content] of Object.entries(files)) {
  fs.writeFileSync(path.join(target, name), content);
}
process.stdout.write(`Wrote ${Object.keys(files).length} files to ${target}\n`);
