/** Helpers for ARM resource ids. ARM ids are case-insensitive. */

/** The case-insensitive key of an ARM id. */
export function idKey(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

/** The subscription id in an ARM id, if any. */
export function subscriptionOf(id: string): string | undefined {
  const m = /^\/subscriptions\/([^/]+)/i.exec(id);
  return m ? m[1] : undefined;
}

/** The resource group name in an ARM id, if any. */
export function resourceGroupOf(id: string): string | undefined {
  const m = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i.exec(id);
  return m ? m[1] : undefined;
}

/**
 * The resource type of an ARM id, e.g.
 * `Microsoft.CognitiveServices/accounts/deployments`.
 */
export function resourceTypeOf(id: string): string {
  const lower = id.toLowerCase();
  const idx = lower.lastIndexOf('/providers/');
  if (idx < 0) {
    if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(id)) {
      return 'Microsoft.Resources/resourceGroups';
    }
    return 'Microsoft.Resources/subscriptions';
  }
  const segs = id.slice(idx + '/providers/'.length).split('/');
  const types = [segs[0]];
  for (let i = 1; i < segs.length; i += 2) {
    types.push(segs[i]);
  }
  return types.join('/');
}

/** The id without its last `/{type}/{name}` pair (or `/providers/{ns}/{type}/{name}`). */
export function parentIdOf(id: string): string {
  const segs = id.split('/');
  let cut = segs.slice(0, -2);
  if (cut[cut.length - 2]?.toLowerCase() === 'providers') {
    cut = cut.slice(0, -2);
  }
  return cut.join('/');
}

/** The last segment of an ARM id. */
export function nameOf(id: string): string {
  const segs = id.split('/');
  return segs[segs.length - 1];
}

/** The collection an id belongs to: the id without its last segment. */
export function collectionOf(id: string): string {
  return idKey(id).split('/').slice(0, -1).join('/');
}

/** The account id of an id under `Microsoft.CognitiveServices/accounts/{name}`. */
export function accountIdOf(id: string): string | undefined {
  const m =
    /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.cognitiveservices\/accounts\/[^/]+)/i.exec(
      id,
    );
  return m ? m[1] : undefined;
}
