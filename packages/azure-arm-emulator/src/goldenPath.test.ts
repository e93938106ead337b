import { runGoldenPath } from './__testUtils__/goldenPath';
import { withEmulator } from './__testUtils__/emulatorHarness';

describe('golden path script', () => {
  it('runs the real SDK through the golden path; every spec-covered response validates; stats count the calls', async () => {
    await withEmulator({}, async emu => {
      const report = await runGoldenPath(emu.url);
      expect(report.failures).toEqual([]);
      expect(report.validated).toBeGreaterThanOrEqual(20);
      const ops = new Set(report.calls.map(c => c.operationId));
      for (const op of [
        'Accounts_Create',
        'RaiPolicies_CreateOrUpdate',
        'Deployments_CreateOrUpdate',
        'PrivateEndpoints_CreateOrUpdate',
        'PrivateDnsZoneGroups_CreateOrUpdate',
        'DiagnosticSettings_CreateOrUpdate',
        'RoleAssignments_Create',
        'Resources',
      ]) {
        expect(ops).toContain(op);
      }
      const stats = emu.stats();
      expect(stats.totalRequests).toBe(report.calls.length);
      expect(stats.byOperation.Deployments_CreateOrUpdate.total).toBe(2);
      expect(stats.byOperation.Accounts_ListKeys).toBeUndefined();
    });
  });
});
