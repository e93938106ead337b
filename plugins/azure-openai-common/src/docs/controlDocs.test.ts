import fs from 'node:fs';
import path from 'node:path';
import { renderControlDocs } from './renderControlDocs';
import { listControls } from '../catalog/catalog';

const DOCS_DIR = path.resolve(__dirname, '../../../../docs/controls');

describe('generated control docs', () => {
  const expected = renderControlDocs();

  it('has a page per control plus the index', () => {
    expect(Object.keys(expected).sort()).toEqual(
      ['index.md', ...listControls().map(c => `${c.id}.md`)].sort(),
    );
  });

  it('lists every seed practice in the coverage matrix without gaps', () => {
    expect(expected['index.md']).not.toContain('not covered');
    for (const c of listControls())
      expect(expected['index.md']).toContain(`[${c.id}](./${c.id}.md)`);
  });

  it('is up to date in docs/controls (run `yarn docs:controls` in plugins/azure-openai-common if this fails)', () => {
    const onDisk = fs.existsSync(DOCS_DIR)
      ? fs
          .readdirSync(DOCS_DIR)
          .filter(f => f.endsWith('.md'))
          .sort()
      : [];
    expect(onDisk).toEqual(Object.keys(expected).sort());
    const stale = Object.entries(expected)
      .filter(
        ([name, content]) =>
          fs.readFileSync(path.join(DOCS_DIR, name), 'utf8') !== content,
      )
      .map(([name]) => name);
    expect(stale).toEqual([]);
  });
});
