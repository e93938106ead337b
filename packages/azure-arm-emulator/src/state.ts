import { collectionOf, idKey, resourceTypeOf, subscriptionOf } from './ids';

/** A JSON object as served by ARM. @public */
export type ArmResource = Record<string, any>;

/**
 * A soft-deleted Cognitive Services account, with the children it had, so
 * that a restore brings them back.
 *
 * @public
 */
export interface DeletedAccountRecord {
  /** The account body at deletion time (its original account id). */
  account: ArmResource;
  /** Its child resources (deployments, RAI policies, ...). */
  children: ArmResource[];
  /** ISO time of deletion. */
  deletionDate: string;
  /** ISO time after which Azure would purge it. */
  scheduledPurgeDate: string;
}

/**
 * The serialisable state of the emulator: what `GET /_emulator/state`
 * returns and what `PUT /_emulator/state` and `stateFile` load.
 *
 * @public
 */
export interface EmulatorStateSnapshot {
  /** Format version, currently 1. */
  version: 1;
  /** Every live resource, each with its full `id`. */
  resources: ArmResource[];
  /** Soft-deleted accounts. */
  deletedAccounts: DeletedAccountRecord[];
  /**
   * Subscriptions with a display name. Subscriptions that only appear in
   * resource ids are listed too, named by their id.
   */
  subscriptions?: SubscriptionRecord[];
}

/**
 * A subscription the emulator lists.
 *
 * @public
 */
export interface SubscriptionRecord {
  /** Subscription GUID. */
  subscriptionId: string;
  /** Display name; defaults to the id. */
  displayName?: string;
  /** Default `Enabled`. */
  state?: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
}

/**
 * The in-memory resource store, indexed by case-insensitive id, by
 * collection and by subscription × type.
 *
 * @public
 */
export class EmulatorState {
  private readonly byId = new Map<string, ArmResource>();
  private readonly byCollection = new Map<string, Set<string>>();
  private readonly byType = new Map<string, Set<string>>();
  private readonly deleted = new Map<string, DeletedAccountRecord>();
  private readonly subscriptionRecords = new Map<string, SubscriptionRecord>();

  /** The number of live resources. */
  get size(): number {
    return this.byId.size;
  }

  /** Reads a resource by id (case-insensitive). */
  get(id: string): ArmResource | undefined {
    return this.byId.get(idKey(id));
  }

  /** Creates or replaces a resource; `resource.id` is the key. */
  put(resource: ArmResource): ArmResource {
    const key = idKey(resource.id);
    this.byId.set(key, resource);
    add(this.byCollection, collectionOf(key), key);
    add(this.byType, typeIndexKey(resource.id), key);
    return resource;
  }

  /** Deletes a resource and everything below it. Returns the removed bodies. */
  delete(id: string): ArmResource[] {
    const key = idKey(id);
    const removed: ArmResource[] = [];
    for (const k of [...this.byId.keys()]) {
      if (k === key || k.startsWith(`${key}/`)) {
        const r = this.byId.get(k)!;
        this.byId.delete(k);
        this.byCollection.get(collectionOf(k))?.delete(k);
        this.byType.get(typeIndexKey(r.id))?.delete(k);
        removed.push(r);
      }
    }
    return removed;
  }

  /** Resources directly in a collection, e.g. `{accountId}/deployments`. */
  list(collectionId: string): ArmResource[] {
    const keys = this.byCollection.get(idKey(collectionId));
    return keys ? [...keys].map(k => this.byId.get(k)!) : [];
  }

  /** Resources of a type in one subscription (or in all when `sub` is undefined). */
  listByType(type: string, sub?: string): ArmResource[] {
    if (sub !== undefined) {
      const keys = this.byType.get(
        `${sub.toLowerCase()}|${type.toLowerCase()}`,
      );
      return keys ? [...keys].map(k => this.byId.get(k)!) : [];
    }
    return this.all().filter(
      r => resourceTypeOf(r.id).toLowerCase() === type.toLowerCase(),
    );
  }

  /** Every live resource. */
  all(): ArmResource[] {
    return [...this.byId.values()];
  }

  /** Soft-deleted accounts, keyed by subscription/location/rg/name. */
  getDeleted(key: string): DeletedAccountRecord | undefined {
    return this.deleted.get(key.toLowerCase());
  }

  /** Records a soft-deleted account. */
  putDeleted(key: string, record: DeletedAccountRecord): void {
    this.deleted.set(key.toLowerCase(), record);
  }

  /** Removes a soft-deleted account (purge or restore). */
  removeDeleted(key: string): boolean {
    return this.deleted.delete(key.toLowerCase());
  }

  /** All soft-deleted accounts. */
  allDeleted(): DeletedAccountRecord[] {
    return [...this.deleted.values()];
  }

  /**
   * Every subscription: those recorded with a display name plus those that
   * appear in resource ids, sorted by id.
   */
  subscriptions(): SubscriptionRecord[] {
    const all = new Map(this.subscriptionRecords);
    for (const key of this.byId.keys()) {
      const sub = /^\/subscriptions\/([^/]+)/.exec(key)?.[1];
      if (sub && !all.has(sub)) {
        all.set(sub, { subscriptionId: sub });
      }
    }
    return [...all.values()].sort((a, b) =>
      a.subscriptionId.localeCompare(b.subscriptionId),
    );
  }

  /** Records a subscription (or changes its display name). */
  putSubscription(record: SubscriptionRecord): void {
    this.subscriptionRecords.set(record.subscriptionId.toLowerCase(), {
      ...record,
    });
  }

  /** Removes everything. */
  clear(): void {
    this.byId.clear();
    this.byCollection.clear();
    this.byType.clear();
    this.deleted.clear();
    this.subscriptionRecords.clear();
  }

  /** A deep copy of the state as JSON. */
  dump(): EmulatorStateSnapshot {
    return JSON.parse(
      JSON.stringify({
        version: 1,
        resources: this.all(),
        deletedAccounts: this.allDeleted(),
        subscriptions: [...this.subscriptionRecords.values()],
      }),
    );
  }

  /** Replaces the state with a snapshot. */
  load(snapshot: EmulatorStateSnapshot): void {
    if (
      !snapshot ||
      typeof snapshot !== 'object' ||
      !Array.isArray(snapshot.resources)
    ) {
      throw new TypeError(
        'A state snapshot needs a "resources" array (and optionally "deletedAccounts").',
      );
    }
    const copy: EmulatorStateSnapshot = JSON.parse(JSON.stringify(snapshot));
    this.clear();
    for (const r of copy.resources) {
      if (!r || typeof r.id !== 'string' || !r.id.startsWith('/')) {
        throw new TypeError(
          'Every resource in a snapshot needs an "id" starting with "/".',
        );
      }
      this.put(r);
    }
    for (const sub of copy.subscriptions ?? []) {
      if (!sub || typeof sub.subscriptionId !== 'string') {
        throw new TypeError(
          'Every subscription in a snapshot needs a "subscriptionId".',
        );
      }
      this.putSubscription(sub);
    }
    for (const d of copy.deletedAccounts ?? []) {
      this.putDeleted(deletedKeyOf(d.account), d);
    }
  }
}

/** The key of a deleted account: sub/location/rg/name. */
export function deletedKey(
  sub: string,
  location: string,
  rg: string,
  name: string,
): string {
  return `${sub}/${normalizeLocation(location)}/${rg}/${name}`.toLowerCase();
}

function deletedKeyOf(account: ArmResource): string {
  const m =
    /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.cognitiveservices\/accounts\/([^/]+)$/i.exec(
      account.id,
    );
  if (!m) {
    throw new TypeError(`Not an account id: ${account.id}`);
  }
  return deletedKey(m[1], normalizeLocation(account.location), m[2], m[3]);
}

/** `West Europe` → `westeurope`. */
export function normalizeLocation(location: unknown): string {
  return String(location ?? '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function typeIndexKey(id: string): string {
  return `${(subscriptionOf(id) ?? '').toLowerCase()}|${resourceTypeOf(
    id,
  ).toLowerCase()}`;
}

function add(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
