import { z } from 'zod';
import type { DashboardReader } from '../../../adapters/storage/dashboard-reader.js';
import type { DeliveryStore } from '../../../adapters/storage/delivery-store.js';
import type { ApprovalRow, Store } from '../../../adapters/storage/types.js';
import { buildServiceGraph, type ServiceGraph } from '../../../core/catalog/graph.js';
import type { Person, Service } from '../../../core/model.js';
import { describeApprovalRequirement } from '../../../core/policy/describe-requirement.js';
import type { AuthVariables, Principal } from '../auth.js';
import type { ApprovalView, EligibleReviewer } from '../dashboard-contract.js';
import {
  checkEligibility,
  eligibleApprovers,
  isOpen,
  openReviewLoad,
} from '../../../core/policy/eligibility.js';

/** The Hono environment of the dashboard routes: the authenticated principal. */
export type Env = { Variables: AuthVariables };

/** What the dashboard's read routes need. */
export interface DashboardRoutesOptions {
  store: Store;
  reader: DashboardReader;
  deliveries: DeliveryStore;
  now?: () => Date;
  /** The names people know repositories by (`owner/name`), by the path the server reads them at. */
  repoNames?: ReadonlyMap<string, string>;
  /** Hours before an incident in which a deployment is a suspect (default 24, as the delivery routes). */
  windowHours?: number;
  /**
   * How long one verification of the whole audit chain answers the audit page (default 30 s): it reads and
   * hashes every record, a third of a second per 7,000 on this class of machine, too much for every page.
   */
  auditVerificationTtlMs?: number;
}

/** What every page's routes share: the options, the clock and one way to read a request's context. */
export interface PageDeps {
  options: DashboardRoutesOptions;
  store: Store;
  reader: DashboardReader;
  deliveries: DeliveryStore;
  clock: () => Date;
  windowHours: number;
  contextOf(principal: Principal): Promise<Context>;
}

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** A `limit` query parameter, 1…1000. */
export const Limit = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);
/** `?limit=` of the list pages. */
export const ListQuery = z.object({ limit: Limit(100) });

/** Everything one request judges people and approvals against, read once. */
export interface Context {
  principal: Principal;
  person: Person | undefined;
  people: Person[];
  services: Service[];
  graph: ServiceGraph;
  now: Date;
  /** People who may sign off, by requirement and sign-offs so far (see `approversOf`). */
  approvers: Map<string, Person[]>;
}

/** Reads the people and services one request judges against, once. */
export async function readContext(store: Store, principal: Principal, now: Date): Promise<Context> {
  const [people, services] = await Promise.all([store.listPeople(), store.listServices()]);
  const person =
    principal.personId !== undefined ? people.find((p) => p.id === principal.personId) : undefined;
  return {
    principal,
    person,
    people,
    services,
    graph: buildServiceGraph(services),
    now,
    approvers: new Map(),
  };
}

/** Whether the signed-in person may approve or deny an approval now, and if not, why. */
export function viewOf(approval: ApprovalRow, ctx: Context): ApprovalView {
  const expired =
    approval.status === 'pending' &&
    approval.expiresAt !== undefined &&
    Date.parse(approval.expiresAt) <= ctx.now.getTime();
  const status = expired ? 'expired' : approval.status;
  const { principal, person } = ctx;
  const decider = principal.role === 'reviewer' || principal.role === 'admin';
  let whyNot: string | undefined;
  if (status !== 'pending') whyNot = `this approval is ${status}`;
  else if (principal.role === 'agent') whyNot = 'an agent token can never approve or deny';
  else if (!decider) whyNot = `a ${principal.role} token cannot approve`;
  else if (principal.personId === undefined)
    whyNot = 'this token is not tied to a person; only people approve';
  else if (!person) whyNot = `${principal.personId} is not a configured person`;
  else if (approval.approvedBy.includes(person.id))
    whyNot = `you already signed off; it needs ${approval.requirement.approvals} approval${approval.requirement.approvals === 1 ? '' : 's'}`;
  else {
    const eligible = checkEligibility(person, approval.requirement, ctx.services);
    if (!eligible.ok) whyNot = eligible.reason;
  }
  const { requirement } = approval;
  return {
    id: approval.id,
    status,
    requirement: {
      approvals: requirement.approvals,
      ...(requirement.minLevel !== undefined && { minLevel: requirement.minLevel }),
      notAuthor: requirement.notAuthor,
      ...(requirement.ownerOf !== undefined && { ownerOf: requirement.ownerOf }),
      authors: requirement.authors,
      policies: requirement.policies,
      description: describeApprovalRequirement(requirement),
    },
    approvedBy: approval.approvedBy,
    ...(approval.decidedBy !== undefined && { decidedBy: approval.decidedBy }),
    ...(approval.reason !== undefined && { reason: approval.reason }),
    createdAt: approval.createdAt,
    ...(approval.decidedAt !== undefined && { decidedAt: approval.decidedAt }),
    ...(approval.expiresAt !== undefined && { expiresAt: approval.expiresAt }),
    canApprove: whyNot === undefined,
    canDeny: status === 'pending' && decider && person !== undefined,
    ...(whyNot !== undefined && { whyNot }),
  };
}

/** Review load: pending approvals each person is eligible for, and sign-offs in the last 30 days. */
export interface Load {
  pending: Map<string, number>;
  recent: Map<string, number>;
}

/**
 * Everyone who may sign off an approval now (eligible and not signed yet). Many approvals ask the same
 * of the same people, so the answer is kept per requirement for the request.
 */
function approversOf(approval: ApprovalRow, ctx: Context): Person[] {
  const key = JSON.stringify([approval.requirement, approval.approvedBy]);
  let found = ctx.approvers.get(key);
  if (!found) {
    // Eligibility reads only the services the approval names as owned: pass just those.
    const named = (approval.requirement.ownerOf ?? []).flatMap((id) => {
      const service = ctx.graph.services.get(id);
      return service ? [service] : [];
    });
    found = eligibleApprovers(approval, ctx.people, named);
    ctx.approvers.set(key, found);
  }
  return found;
}

/** Pending approvals each person is eligible for, and each person's sign-offs in the last 30 days. */
export async function loadOf(
  options: DashboardRoutesOptions,
  ctx: Context,
  pending: ApprovalRow[],
): Promise<Load> {
  const load: Load = {
    pending: openReviewLoad(pending, ctx.now, (approval) => approversOf(approval, ctx)),
    recent: new Map(),
  };
  const since = new Date(ctx.now.getTime() - 30 * DAY_MS).toISOString();
  for (const signoff of await options.reader.signoffs(since))
    load.recent.set(signoff.personId, (load.recent.get(signoff.personId) ?? 0) + 1);
  return load;
}

/** Everyone who could sign off an approval now, least loaded first. */
export function eligibleFor(approval: ApprovalRow | undefined, ctx: Context, load: Load): EligibleReviewer[] {
  if (!approval || !isOpen(approval, ctx.now)) return [];
  return approversOf(approval, ctx)
    .map((person) => ({
      personId: person.id,
      level: person.level,
      pending: load.pending.get(person.id) ?? 0,
      reviewsLast30Days: load.recent.get(person.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        a.pending - b.pending ||
        a.reviewsLast30Days - b.reviewsLast30Days ||
        a.personId.localeCompare(b.personId),
    );
}
