import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { query } from '../api.js';
import { ChartFigure, DataTable } from '../components/chart-figure.js';
import { BarListChart } from '../components/charts/bar-list-chart.js';
import { Page } from '../components/page.js';
import { LoadStatus } from '../components/status.js';
import type { CapacityResponse } from '../contract.js';
import { formatDay, percent } from '../format.js';
import { useApi } from '../use-api.js';

const POLICY_COLOURS = { 'ai-needs-senior': '#c2571a', 'risk-based': '#2f6fab' } as const;

function hours(value: number | null): string {
  if (value === null) return 'never';
  return value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} days`;
}

/** The window the page calibrates on: the whole half-year the demo and most teams keep, long enough for a p95. */
const WEEKS = 26;

/** The senior review queue from this organisation's own history: observed, reproduced, and only then what-if. */
export function CapacityPage(): ReactNode {
  const id = useId();
  const [aiShare, setAiShare] = useState('80');
  const [seniors, setSeniors] = useState('');
  const [scenario, setScenario] = useState<{ aiShare?: number; seniors?: number }>({});
  const capacity = useApi<CapacityResponse>(`/v1/dashboard/capacity${query({ weeks: WEEKS, ...scenario })}`);
  const data = capacity.data;

  function submit(event: FormEvent): void {
    event.preventDefault();
    const share = Number(aiShare);
    const count = Number(seniors);
    setScenario({
      ...(aiShare.trim() !== '' && share >= 0 && share <= 100 && { aiShare: share / 100 }),
      ...(seniors.trim() !== '' && Number.isInteger(count) && count >= 0 && { seniors: count }),
    });
  }

  return (
    <Page
      name="capacity"
      title="Review capacity"
      lead={`Senior sign-off waits over the last ${WEEKS} weeks as they were, what the simulation reproduces of them, and — only when it reproduces them — what if.`}
      ready={capacity.settled}
    >
      <LoadStatus loaded={capacity} what="the review capacity" />
      {data ? (
        <>
          <Calibration data={data} />
          <section className="panel" aria-labelledby={`${id}-basis`}>
            <h2 id={`${id}-basis`}>The flow of changes</h2>
            <Basis data={data} />
          </section>
          {data.calibration.reproduces ? (
            <>
              <section className="panel" aria-labelledby={`${id}-whatif`}>
                <h2 id={`${id}-whatif`}>What if</h2>
                <form className="what-if" onSubmit={submit} aria-label="What-if scenario">
                  <label htmlFor={`${id}-ai`}>
                    AI-assisted share (%)
                    <input
                      id={`${id}-ai`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={100}
                      value={aiShare}
                      onChange={(event) => setAiShare(event.target.value)}
                    />
                  </label>
                  <label htmlFor={`${id}-seniors`}>
                    Seniors
                    <input
                      id={`${id}-seniors`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      placeholder={String(Math.max(1, Math.round(data.params.seniors * 0.8)))}
                      value={seniors}
                      onChange={(event) => setSeniors(event.target.value)}
                    />
                  </label>
                  <button type="submit">Simulate</button>
                </form>
              </section>
              <div className="chart-grid">
                <WaitChart data={data} />
                <UtilisationChart data={data} />
                <CoverageChart data={data} />
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

/** Observed beside simulated, and the verdict that decides whether what-ifs are shown. */
function Calibration({ data }: { data: CapacityResponse }): ReactNode {
  const { observed, fit, reproduces, missing } = data.calibration;
  const rows: Array<[string, string, string]> = [
    [
      'median wait for a senior’s sign-off',
      hours(observed.waitHoursP50),
      fit ? hours(fit.waitHoursP50) : '—',
    ],
    ['95th-percentile wait', hours(observed.waitHoursP95), fit ? hours(fit.waitHoursP95) : '—'],
    [
      'sign-offs per senior a week',
      observed.signoffsPerSeniorWeek.toFixed(2),
      fit ? fit.signoffsPerSeniorWeek.toFixed(2) : '—',
    ],
  ];
  return (
    <section className="panel calibration" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Observed and reproduced</h2>
      <p>
        {observed.signoffs} changes reached a senior’s sign-off between {formatDay(observed.from)} and{' '}
        {formatDay(observed.to)}; {observed.stillWaiting} still wait
        {observed.oldestWaitingHours !== null
          ? ` (the longest for ${hours(observed.oldestWaitingHours)})`
          : ''}
        . {observed.seniors} people are senior or above.
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Observed and simulated senior review</caption>
          <thead>
            <tr>
              <th scope="col">figure</th>
              <th scope="col">observed</th>
              <th scope="col">simulated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, seen, simulated]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{seen}</td>
                <td>{simulated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {reproduces && fit ? (
        <p className="verdict verdict-ok" data-calibration="reproduces">
          The simulation reproduces both waits within 25 % when each senior gives about{' '}
          {fit.reviewHoursPerWeek} hours a week to the reviews blastwall asks for, so the what-ifs below start
          from there.
        </p>
      ) : (
        <div className="verdict verdict-missing" data-calibration="missing">
          <p>
            No what-if is shown: the simulation does not reproduce these waits within 25 %, so its forecasts
            would not be believable.
          </p>
          <ul>
            {missing.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Basis({ data }: { data: CapacityResponse }): ReactNode {
  const { basis, params } = data;
  if (basis.changes < 2) return <p>Too few decided changes ({basis.changes}) to learn the flow from.</p>;
  return (
    <p>
      {basis.changes} changes between {basis.from ? formatDay(basis.from) : '?'} and{' '}
      {basis.to ? formatDay(basis.to) : '?'}: {params.changesPerWeek} a week, {percent(params.aiShare)}{' '}
      AI-assisted, {percent(params.juniorMidShare)} by junior or mid-level authors, a median of{' '}
      {params.medianLines} changed lines; {params.seniors} seniors. History cannot tell{' '}
      {data.assumed.join('; ')}: the simulation assumes those.
    </p>
  );
}

function rowsOf(
  data: CapacityResponse,
  value: (p: CapacityResponse['scenarios'][number]['policies'][number]) => number,
) {
  return data.scenarios.map((scenario) => ({
    label: scenario.label,
    values: scenario.policies.map(value),
  }));
}

function series(data: CapacityResponse): Array<{ label: string; colour: string }> {
  return (data.scenarios[0]?.policies ?? []).map((p) => ({
    label: p.words,
    colour: POLICY_COLOURS[p.policy],
  }));
}

function UtilisationChart({ data }: { data: CapacityResponse }): ReactNode {
  const worst = data.scenarios.at(-1);
  const summary = worst
    ? `In “${worst.label}”, ${worst.policies
        .map(
          (p) =>
            `when ${p.words}, seniors are busy ${p.seniorUtilisation === null ? 'beyond any capacity' : percent(p.seniorUtilisation)} of their review hours and a change waits ${hours(p.signoffHoursP95)} for a sign-off (95th percentile)`,
        )
        .join('; ')}.`
    : 'No scenarios.';
  return (
    <ChartFigure
      id="capacity-utilisation"
      title="Senior review hours in use (%)"
      summary={summary}
      chart={
        <BarListChart
          rows={rowsOf(data, (p) => Math.round((p.seniorUtilisation ?? 0) * 100))}
          series={series(data)}
        />
      }
      table={
        <DataTable
          caption="Waiting time and utilisation by scenario and policy"
          columns={['scenario', 'policy', 'senior reviews', 'wait p50', 'wait p95', 'senior utilisation']}
          rows={data.scenarios.flatMap((s) =>
            s.policies.map((p) => [
              s.label,
              p.words,
              p.seniorReviews,
              hours(p.signoffHoursP50),
              hours(p.signoffHoursP95),
              p.seniorUtilisation === null
                ? 'no seniors'
                : `${percent(p.seniorUtilisation)}${p.overloaded ? ' (overloaded)' : ''}`,
            ]),
          )}
        />
      }
    />
  );
}

function WaitChart({ data }: { data: CapacityResponse }): ReactNode {
  const worst = data.scenarios.at(-1);
  const summary = worst
    ? `In “${worst.label}”, half of the changes a senior must see wait up to ${worst.policies
        .map(
          (p) =>
            `${hours(p.signoffHoursP50)} (p95 ${hours(p.signoffHoursP95)}) for a sign-off when ${p.words}`,
        )
        .join(', and ')}.`
    : 'No scenarios.';
  return (
    <ChartFigure
      id="capacity-wait"
      title="Wait for a senior’s sign-off, 95th percentile (hours)"
      summary={summary}
      chart={
        <BarListChart rows={rowsOf(data, (p) => Math.round(p.signoffHoursP95 ?? 0))} series={series(data)} />
      }
      table={
        <DataTable
          caption="Wait for a senior’s sign-off by scenario and policy"
          columns={['scenario', 'policy', 'wait p50', 'wait p95']}
          rows={data.scenarios.flatMap((s) =>
            s.policies.map((p) => [s.label, p.words, hours(p.signoffHoursP50), hours(p.signoffHoursP95)]),
          )}
        />
      }
    />
  );
}

function CoverageChart({ data }: { data: CapacityResponse }): ReactNode {
  const now = data.scenarios[0];
  const summary = now
    ? `As history shows, seniors see ${now.policies.map((p) => `${percent(p.riskiestReviewedBySenior)} of the riskiest tenth when ${p.words}`).join(', and ')}.`
    : 'No scenarios.';
  return (
    <ChartFigure
      id="capacity-coverage"
      title="Riskiest 10 % of changes seen by a senior (%)"
      summary={summary}
      chart={
        <BarListChart
          rows={rowsOf(data, (p) => Math.round(p.riskiestReviewedBySenior * 100))}
          series={series(data)}
        />
      }
      table={
        <DataTable
          caption="Share of the riskiest tenth reviewed by a senior"
          columns={['scenario', 'policy', 'riskiest reviewed by a senior']}
          rows={data.scenarios.flatMap((s) =>
            s.policies.map((p) => [s.label, p.words, percent(p.riskiestReviewedBySenior)]),
          )}
        />
      }
    />
  );
}
