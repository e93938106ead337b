import {
  CONTROL_AREAS,
  getControl,
  getControlsByArea,
  getControlsByPractice,
  listControls,
} from './catalog';
import { SEED_PRACTICES } from './practices';

/**
 * The 35 practice titles of "Secure your Azure OpenAI Service deployment" (bold text of each
 * bullet), copied from the seed independently of `practices.ts`.
 */
const SEED_TITLES = [
  'Enable private endpoints',
  'Disable public network access',
  'Implement network security perimeter',
  'Configure virtual network integration',
  'Implement proper DNS configuration',
  'Use Microsoft Entra ID authentication',
  'Enable managed identity authentication',
  'Implement role-based access control (RBAC)',
  'Configure document-level access control',
  'Secure API key storage',
  'Enable customer-managed keys (CMK)',
  'Configure content filtering',
  'Enable data loss prevention (DLP)',
  'Implement prompt injection protection',
  'Configure groundedness detection',
  'Enable diagnostic settings',
  'Configure Azure Monitor alerts',
  'Enable Azure Activity Log monitoring',
  'Implement abuse monitoring',
  'Monitor content filtering events',
  'Implement Azure Policy',
  'Enable Microsoft Purview integration',
  'Configure responsible AI practices',
  'Maintain compliance documentation',
  'Implement data residency controls',
  'Implement multi-region deployments',
  'Configure API Management for load balancing',
  'Back up fine-tuned models',
  'Test disaster recovery procedures',
  'Plan for data recovery',
  'Configure model-specific content filters',
  'Implement prompt engineering safeguards',
  'Enable protected material detection',
  'Implement rate limiting and quota management',
  'Configure streaming security',
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('control catalog', () => {
  it('covers exactly the 35 seed practices with seed-origin controls', () => {
    expect(SEED_TITLES).toHaveLength(35);
    const covered = new Set(
      listControls()
        .filter(c => c.origin === 'seed')
        .map(c => c.practice),
    );
    expect([...covered].sort()).toEqual([...SEED_TITLES].sort());
    expect(SEED_PRACTICES.map(p => p.title)).toEqual(SEED_TITLES);
  });

  it('names only seed practices, also for extra checks', () => {
    for (const c of listControls()) expect(SEED_TITLES).toContain(c.practice);
  });

  it('puts each control in the area of its practice', () => {
    for (const c of listControls()) {
      const practice = SEED_PRACTICES.find(p => p.title === c.practice)!;
      expect([c.id, c.area]).toEqual([c.id, practice.area]);
    }
  });

  it('has unique, stable-format ids whose prefix matches the area', () => {
    const prefix: Record<string, string> = {
      network: 'NET',
      identity: 'IAM',
      data: 'DATA',
      logging: 'LOG',
      governance: 'GOV',
      resilience: 'BCDR',
      service: 'SVC',
    };
    const ids = listControls().map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of listControls()) {
      expect(c.id).toMatch(new RegExp(`^AOAI-${prefix[c.area]}-\\d{3}$`));
    }
  });

  it('declares complete metadata for every control', () => {
    const problems: string[] = [];
    const check = (id: string, ok: boolean, what: string) => {
      if (!ok) problems.push(`${id}: ${what}`);
    };
    for (const c of listControls()) {
      check(c.id, c.title.length > 0, 'title');
      check(c.id, c.rationale.length > 40, 'rationale');
      check(c.id, c.passCondition.length > 20, 'pass condition');
      check(c.id, c.remediation.portal.length > 0, 'portal steps');
      check(c.id, c.remediation.cli.length > 0, 'az CLI');
      check(c.id, c.remediation.bicep.length > 0, 'Bicep');
      check(
        c.id,
        c.kind === 'attestation' ? c.reads.length === 0 : c.reads.length > 0,
        'reads',
      );
      const seed = SEED_PRACTICES.find(p => p.title === c.practice)!;
      check(
        c.id,
        c.references.some(r => r.url === seed.url),
        'seed reference',
      );
      check(
        c.id,
        c.references.some(
          r =>
            r.url !== seed.url &&
            r.url.startsWith('https://learn.microsoft.com/'),
        ),
        'a Microsoft Learn reference besides the seed link',
      );
      for (const guid of c.mappings.azurePolicy ?? [])
        check(c.id, GUID.test(guid), `policy GUID ${guid}`);
      for (const id of c.mappings.checkov ?? [])
        check(c.id, /^CKV2?_AZURE_\d+$/.test(id), `checkov ${id}`);
      for (const rule of c.mappings.psrule ?? [])
        check(
          c.id,
          /^Azure\.[A-Za-z.]+ \(AZR-\d{6}\)$/.test(rule),
          `psrule ${rule}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('maps the settings the three tools share to all of them', () => {
    expect(getControl('AOAI-NET-002')!.mappings).toMatchObject({
      checkov: ['CKV_AZURE_134'],
      azurePolicy: expect.arrayContaining([
        '037eea7a-bd0a-46c5-9a66-03aea78705d3',
      ]),
    });
    expect(getControl('AOAI-IAM-001')!.mappings.psrule).toEqual([
      'Azure.AI.DisableLocalAuth (AZR-000282)',
    ]);
  });

  it('looks controls up by id, practice and area', () => {
    expect(getControl('AOAI-DATA-002')!.practice).toBe(
      'Configure content filtering',
    );
    expect(getControl('AOAI-NOPE-001')).toBeUndefined();
    expect(
      getControlsByPractice('Implement abuse monitoring').map(c => c.id),
    ).toEqual(['AOAI-LOG-004', 'AOAI-LOG-005']);
    expect(getControlsByPractice('Not a practice')).toEqual([]);
    const total = CONTROL_AREAS.reduce(
      (n, a) => n + getControlsByArea(a).length,
      0,
    );
    expect(total).toBe(listControls().length);
    expect(getControlsByArea('network').every(c => c.area === 'network')).toBe(
      true,
    );
  });

  it('lists controls in seed area order', () => {
    const areas = listControls().map(c => CONTROL_AREAS.indexOf(c.area));
    expect(areas).toEqual([...areas].sort((a, b) => a - b));
  });

  it('freezes control definitions', () => {
    expect(Object.isFrozen(getControl('AOAI-NET-001'))).toBe(true);
  });
});
