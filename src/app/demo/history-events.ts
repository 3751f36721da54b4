import type { ApprovalRow } from '../../adapters/storage/types.js';
import type { Person, Service } from '../../core/model.js';
import type { PlannedAction } from './agent-actions.js';
import type { DemoCall } from './demo-client.js';
import type { PlannedDeployment, PlannedIncident } from './deliveries.js';
import type { PlannedPr } from './pull-requests.js';
import { dice } from './dice.js';
import type { PrShas } from './repo-writer.js';
import { createReviewerPicker } from './reviewers.js';

/** Something that happens at a moment of the history, through the server's API. */
export interface HistoryEvent {
  at: number;
  run(): Promise<void>;
}

/** The tokens the seeding acts with: CI's ingest token, each person's and each agent's. */
export interface DemoTokens {
  ingest: string;
  person: Map<string, string>;
  agent: Map<string, string>;
}

/** What the seeding counts on its way. */
export interface SeedCounts {
  changes: Record<string, number>;
  actions: Record<string, number>;
  signOffs: number;
  deniedChanges: number;
  heldPending: number;
  deployments: number;
  incidents: number;
  verdicts: number;
}

interface Context {
  call: DemoCall;
  tokens: DemoTokens;
  people: readonly Person[];
  services: readonly Service[];
  counts: SeedCounts;
  end: number;
  cwd: string;
}

const MINUTE = 60_000;

function tokenOf(tokens: DemoTokens, person: string): string {
  const token = tokens.person.get(person);
  if (!token) throw new Error(`no demo token for ${person}`);
  return token;
}

/** Pull requests: checked when opened (as CI would), signed off or turned down, or left waiting. */
export function pullRequestEvents(
  ctx: Context,
  prs: readonly PlannedPr[],
  shas: ReadonlyMap<number, PrShas>,
): HistoryEvent[] {
  const roll = dice(99);
  const pick = createReviewerPicker(ctx.people, ctx.services, roll);
  const events: HistoryEvent[] = [];
  for (const pr of prs) {
    const sha = shas.get(pr.number)!;
    let approvalId: string | undefined;
    events.push({
      at: pr.openedAt.getTime(),
      async run() {
        const report = await ctx.call<{ decision: string; approvalId?: string }>(
          ctx.tokens.ingest,
          'POST',
          '/v1/changes/check',
          {
            range: `${sha.base}..${sha.head}`,
            title: pr.title,
          },
        );
        ctx.counts.changes[report.decision] = (ctx.counts.changes[report.decision] ?? 0) + 1;
        approvalId = report.approvalId;
      },
    });
    const review = async (mode: 'approve' | 'deny' | 'partial'): Promise<void> => {
      if (approvalId === undefined) return;
      const { approval } = await ctx.call<{ approval: ApprovalRow }>(
        anyReviewer(ctx),
        'GET',
        `/v1/approvals/${approvalId}`,
      );
      if (approval.status !== 'pending') return;
      const missing = approval.requirement.approvals - approval.approvedBy.length;
      // A partial review leaves a change that needs two sign-offs with one, still waiting.
      if (mode === 'partial' && missing < 2) return;
      const count = mode === 'approve' ? missing : 1;
      const chosen = pick(approval.requirement, {
        team: pr.service.owner,
        exclude: approval.approvedBy,
        count,
      });
      for (const person of chosen) {
        if (mode === 'deny') {
          await ctx.call(tokenOf(ctx.tokens, person), 'POST', `/v1/approvals/${approvalId}/deny`, {
            reason: 'Please split this up and add an idempotency key before it touches production.',
          });
          ctx.counts.deniedChanges++;
          return;
        }
        await ctx.call(tokenOf(ctx.tokens, person), 'POST', `/v1/approvals/${approvalId}/approve`, {});
        ctx.counts.signOffs++;
      }
    };
    if (pr.fate === 'merged' && pr.closedAt)
      events.push({ at: pr.closedAt.getTime() - 12 * MINUTE, run: () => review('approve') });
    if (pr.fate === 'denied' && pr.closedAt)
      events.push({ at: pr.closedAt.getTime(), run: () => review('deny') });
    const partialAt = pr.openedAt.getTime() + 90 * MINUTE;
    if (pr.fate === 'waiting' && roll.chance(0.5) && partialAt < ctx.end)
      events.push({ at: partialAt, run: () => review('partial') });
  }
  return events;
}

function anyReviewer(ctx: Context): string {
  const senior = ctx.people.find((p) => p.level === 'principal') ?? ctx.people[0]!;
  return tokenOf(ctx.tokens, senior.id);
}

/** Agent commands through the gate; held ones are approved (and retried) or denied by a senior, or left waiting. */
export function actionEvents(ctx: Context, actions: readonly PlannedAction[]): HistoryEvent[] {
  const roll = dice(7);
  const pick = createReviewerPicker(ctx.people, ctx.services, roll);
  const events: HistoryEvent[] = [];
  for (const action of actions) {
    const token = ctx.tokens.agent.get(action.agent)!;
    const body = {
      command: action.command,
      onBehalfOf: action.onBehalfOf.id,
      sessionId: action.sessionId,
      cwd: ctx.cwd,
    };
    let approvalId: string | undefined;
    events.push({
      at: action.at.getTime(),
      async run() {
        const decided = await ctx.call<{ decision: string; approvalId?: string }>(
          token,
          'POST',
          '/v1/actions/evaluate',
          body,
        );
        ctx.counts.actions[decided.decision] = (ctx.counts.actions[decided.decision] ?? 0) + 1;
        if (decided.decision === 'needs-approval') approvalId = decided.approvalId;
        if (approvalId !== undefined && action.held?.fate === 'pending') ctx.counts.heldPending++;
      },
    });
    const held = action.held;
    if (!held || held.fate === 'pending') continue;
    const decideAt = action.at.getTime() + held.after;
    events.push({
      at: decideAt,
      async run() {
        if (approvalId === undefined) return;
        const { approval } = await ctx.call<{ approval: ApprovalRow }>(
          anyReviewer(ctx),
          'GET',
          `/v1/approvals/${approvalId}`,
        );
        const [person] = pick(approval.requirement, {
          team: action.onBehalfOf.team,
          exclude: [action.onBehalfOf.id],
          count: 1,
        });
        if (!person) return;
        const reason =
          held.fate === 'approve'
            ? 'Checked the runbook: traffic is drained, go ahead.'
            : 'Not during business hours; open a change request instead.';
        await ctx.call(tokenOf(ctx.tokens, person), 'POST', `/v1/approvals/${approvalId}/${held.fate}`, {
          reason,
        });
      },
    });
    if (held.fate === 'approve')
      events.push({
        at: decideAt + 2 * MINUTE,
        async run() {
          if (approvalId === undefined) return;
          const retried = await ctx.call<{ decision: string }>(token, 'POST', '/v1/actions/evaluate', body);
          ctx.counts.actions[retried.decision] = (ctx.counts.actions[retried.decision] ?? 0) + 1;
        },
      });
  }
  return events;
}

/** Deployments as CI reports them, incidents as they open and resolve, and people's verdicts on suspects. */
export function deliveryEvents(
  ctx: Context,
  deployments: readonly PlannedDeployment[],
  incidents: readonly PlannedIncident[],
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const deployment of deployments) {
    events.push({
      at: Date.parse(deployment.finishedAt),
      async run() {
        await ctx.call(ctx.tokens.ingest, 'POST', '/v1/deployments', deployment);
        ctx.counts.deployments++;
      },
    });
  }
  const ownerOf = new Map(ctx.services.map((s) => [s.id, s.owner]));
  for (const incident of incidents) {
    const { id, severity, services, startedAt, resolvedAt } = incident;
    // An incident arrives when it starts and again when it is resolved, the way its source sends it.
    const post = async (state: 'triggered' | 'resolved'): Promise<void> => {
      if (incident.via === 'pagerduty')
        await ctx.call(ctx.tokens.ingest, 'POST', '/v1/incidents/pagerduty', pagerDutyEvent(incident, state));
      else
        await ctx.call(ctx.tokens.ingest, 'POST', '/v1/incidents', {
          id,
          severity,
          services,
          startedAt,
          ...(state === 'resolved' && {
            resolvedAt,
            ...(incident.rootCause && { rootCause: incident.rootCause }),
          }),
        });
    };
    events.push({
      at: Date.parse(startedAt),
      async run() {
        await post('triggered');
        ctx.counts.incidents++;
      },
    });
    if (resolvedAt) events.push({ at: Date.parse(resolvedAt), run: () => post('resolved') });
    if (!incident.verdict || !incident.cause) continue;
    const judgeAt = Math.min(Date.parse(incident.resolvedAt ?? startedAt) + 60 * MINUTE, ctx.end - MINUTE);
    const team = ownerOf.get(services[0]!);
    const judge = ctx.people.find(
      (p) => p.teams.includes(team ?? '') && p.level !== 'junior' && p.level !== 'mid',
    );
    if (!judge) continue;
    events.push({
      at: judgeAt,
      async run() {
        const token = tokenOf(ctx.tokens, judge.id);
        const { suspects } = await ctx.call<{ suspects: Array<{ deploymentId: string }> }>(
          token,
          'GET',
          `/v1/incidents/${id}/suspects`,
        );
        const other = suspects.find((s) => s.deploymentId !== incident.cause);
        if (incident.verdict === 'reject-other' && other) {
          await ctx.call(token, 'POST', `/v1/incidents/${id}/suspects/${other.deploymentId}/reject`, {
            reason: 'Deployed to a different cell than the one that paged.',
          });
          ctx.counts.verdicts++;
        }
        if (suspects.some((s) => s.deploymentId === incident.cause)) {
          await ctx.call(token, 'POST', `/v1/incidents/${id}/suspects/${incident.cause}/confirm`, {
            reason: 'The error rate rose within minutes of this rollout; rolling it back fixed it.',
          });
          ctx.counts.verdicts++;
        }
      },
    });
  }
  return events;
}

/** A PagerDuty V3 webhook for an incident, as PagerDuty sends it when it triggers and when it resolves. */
function pagerDutyEvent(incident: PlannedIncident, what: 'triggered' | 'resolved'): unknown {
  const service = incident.services[0]!;
  return {
    event: {
      id: `${incident.id.replace('pagerduty:', '')}-${what}`,
      event_type: `incident.${what}`,
      resource_type: 'incident',
      occurred_at: what === 'resolved' ? incident.resolvedAt : incident.startedAt,
      data: {
        id: incident.id.replace('pagerduty:', ''),
        type: 'incident',
        created_at: incident.startedAt,
        status: what,
        urgency: 'high',
        // PagerDuty names services in words; blastwall reads them in kebab case.
        service: { summary: service.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()) },
        priority: { summary: incident.severity === 'sev1' ? 'P1' : 'P2' },
      },
    },
  };
}
