import { DEMO_PEOPLE, DEMO_SERVICES, type DemoPerson } from './organisation.js';
import { dice, workingMoment, type Dice } from './dice.js';

/** The agents of the example organisation, by the id their hooks report. */
export const DEMO_AGENTS = ['claude-code', 'codex', 'cursor', 'gemini', 'copilot'] as const;
export type DemoAgent = (typeof DEMO_AGENTS)[number];

/** What the seeder does with an action the gate holds. */
export type HeldFate = 'approve' | 'deny' | 'pending';

/** One command an agent proposes, on behalf of a person, at a time. */
export interface PlannedAction {
  at: Date;
  agent: DemoAgent;
  sessionId: string;
  onBehalfOf: DemoPerson;
  command: string;
  /** Only for commands meant to be held: what a reviewer does and when. */
  held?: { fate: HeldFate; after: number };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type Template = (service: string, roll: Dice) => string;

/** Everyday commands: tests, builds, reads, dev and staging work. The gate lets them run. */
const ROUTINE: Template[] = [
  () => 'npm test',
  () => 'npm run build',
  (s) => `npx vitest run services/${s}`,
  () => 'git status',
  () => 'git diff --stat',
  (s) => `rg -n "retry" services/${s}`,
  (s) => `kubectl get pods -n ${s} --context dev-eu1`,
  (s) => `kubectl logs deploy/${s} -n ${s} --context staging-eu1 --tail=200`,
  (s) => `kubectl delete pod ${s}-7d9f --context dev-eu1 -n ${s}`,
  (s) => `docker build -t ${s}:dev services/${s}`,
  (s) => `terraform -chdir=infra/${s} plan`,
  (s) => `helm upgrade ${s} charts/${s} --kube-context staging-eu1`,
  (s) => `kubectl delete namespace ${s}-preview --context dev-eu1`,
  (s) => `git push -u origin feature/${s}-retry`,
  (s) => `rm -rf services/${s}/node_modules`,
];

/** Destructive but reversible work in production, or edits to the guardrails: held for a senior person. */
const HOLD: Template[] = [
  (s) => `kubectl scale deploy/${s} --replicas=0 -n ${s} --context prod-eu1`,
  () => 'kubectl drain ip-10-0-3-17.eu-west-1.compute.internal --context prod-eu1 --ignore-daemonsets',
  (_s, roll) =>
    `aws ec2 stop-instances --instance-ids i-0${Math.floor(roll.next() * 1e12).toString(16)} --profile prod-admin`,
  () => "sed -i 's/protected: true/protected: false/' blastwall.yaml",
  () => 'echo "{}" > .claude/settings.json',
];

/** Irreversible work in production, force-pushes to main, wiping a home folder: never for an agent. */
const DENY: Template[] = [
  (s) => `TF_WORKSPACE=prod terraform -chdir=infra/${s} destroy -auto-approve`,
  (s) => `kubectl delete namespace ${s} --context prod-eu1`,
  () => 'psql -h ledger-db.prod.internal -c "DROP TABLE ledger_entries_archive"',
  () => 'git push --force origin main',
  () => 'rm -rf ~',
  () => 'psql -h orders-db.prod.internal -c "TRUNCATE orders_tmp"',
];

/** How many agent sessions, and how many recent held actions are left waiting for a person. */
export interface ActionsSize {
  weeks: number;
  sessionsFirstWeek: number;
  sessionsLastWeek: number;
  pending: number;
}

/**
 * Plans agent sessions over the history, more of them every week: mostly routine commands, now and
 * then one the gate holds (a reviewer approves or denies it within the hour) or denies. The last
 * `pending` held actions are proposed minutes before `end` and left for a person.
 */
export function planAgentActions(size: ActionsSize, end: Date, seed = 4242): PlannedAction[] {
  const roll = dice(seed);
  const midnight = Math.floor(end.getTime() / DAY) * DAY;
  const lastMonday = midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
  const people = DEMO_PEOPLE.filter((p) => p.level !== 'principal');
  const seniors = DEMO_PEOPLE.filter((p) => p.level === 'senior' || p.level === 'principal');
  const actions: PlannedAction[] = [];
  let session = 0;
  for (let week = 0; week < size.weeks; week++) {
    const t = size.weeks === 1 ? 1 : week / (size.weeks - 1);
    const count = Math.round(size.sessionsFirstWeek + (size.sessionsLastWeek - size.sessionsFirstWeek) * t);
    const weekStart = lastMonday - (size.weeks - 1 - week) * 7 * DAY;
    for (let i = 0; i < count; i++) {
      let at = workingMoment(roll, weekStart).getTime();
      if (at > end.getTime() - 2 * 60 * MINUTE) continue;
      const person = roll.pick(people);
      const agent = roll.weighted<DemoAgent>([
        ['claude-code', 0.3 + 0.1 * t],
        ['codex', 0.1 + 0.15 * t],
        ['cursor', 0.25],
        ['gemini', 0.15],
        ['copilot', 0.2 - 0.1 * t],
      ]);
      const own = DEMO_SERVICES.filter((s) => s.owner === person.team && s.id !== 'docs');
      const sessionId = `s-${(++session).toString().padStart(4, '0')}`;
      const steps = Math.floor(roll.between(2, 7));
      for (let step = 0; step < steps; step++) {
        const service = roll.pick(own).id;
        const kind = roll.weighted([
          ['routine', 0.86],
          ['hold', 0.07],
          ['deny', 0.07],
        ] as const);
        // A junior's or mid-level engineer's agent never exceeds its person, so holds come from seniors' agents.
        const acting = kind === 'hold' ? roll.pick(seniors) : person;
        const template = roll.pick(kind === 'routine' ? ROUTINE : kind === 'hold' ? HOLD : DENY);
        actions.push({
          at: new Date(at),
          agent,
          sessionId,
          onBehalfOf: acting,
          command: template(service, roll),
          ...(kind === 'hold' && {
            held: {
              fate: roll.weighted([
                ['approve', 0.6],
                ['deny', 0.4],
              ] as const),
              after: roll.between(3, 40) * MINUTE,
            },
          }),
        });
        at += roll.between(1, 12) * MINUTE;
      }
    }
  }
  addPending(actions, size.pending, end, roll, seniors);
  return actions.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Held actions proposed minutes before `end`, waiting for a person (an approval expires after an hour). */
function addPending(
  actions: PlannedAction[],
  count: number,
  end: Date,
  roll: Dice,
  seniors: DemoPerson[],
): void {
  const services = ['ledger', 'payments', 'orders', 'inventory', 'checkout', 'search-indexer'];
  for (let i = 0; i < count; i++) {
    const person = seniors.filter((p) => p.team !== 'payments')[i % (seniors.length - 3)]!;
    const service = services[i % services.length]!;
    const template = HOLD[i % HOLD.length]!;
    actions.push({
      at: new Date(end.getTime() - (count - i) * 2 * MINUTE),
      agent: DEMO_AGENTS[i % DEMO_AGENTS.length]!,
      sessionId: `s-live-${i + 1}`,
      onBehalfOf: person,
      command: template(service, roll),
      held: { fate: 'pending', after: 0 },
    });
  }
}
