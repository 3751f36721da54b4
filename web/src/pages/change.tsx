import { useState, type ReactNode } from 'react';
import { AiBadge, DecisionBadge, RiskMeter, TierBadge } from '../components/badges.js';
import { BlastRadiusGraph } from '../components/blast-radius-graph.js';
import { Confirmation } from '../components/confirmation.js';
import { DecideForm } from '../components/decide-form.js';
import { Page } from '../components/page.js';
import { Provenance } from '../components/provenance.js';
import { RadiusTable } from '../components/radius-table.js';
import { describeRequirement, ReviewerList } from '../components/reviewers.js';
import { Empty, LoadStatus } from '../components/status.js';
import type { ChangeDetailResponse, Requirement } from '../contract.js';
import { formatDateTime, shortSha } from '../format.js';
import { useApi } from '../use-api.js';

/** One change: why it was decided as it was, what it reaches, who wrote it, and the sign-off. */
export function ChangePage({ changeId }: { changeId: string }): ReactNode {
  const change = useApi<ChangeDetailResponse>(`/v1/dashboard/changes/${encodeURIComponent(changeId)}`);
  const [confirmation, setConfirmation] = useState<string | undefined>();
  const data = change.data;
  return (
    <Page
      name="change"
      title={data?.title ?? 'Change'}
      lead={
        data ? (
          <>
            {data.repoName}
            {data.pr !== undefined ? ` #${data.pr}` : ''} · <code>{shortSha(data.base)}</code>..
            <code>{shortSha(data.head)}</code>
          </>
        ) : undefined
      }
      ready={change.settled}
    >
      <LoadStatus loaded={change} what="the change" />
      <Confirmation message={confirmation} onDismiss={() => setConfirmation(undefined)} />
      {data ? (
        <ChangeBody
          change={data}
          onDecided={(decision) => {
            setConfirmation(
              decision === 'approve'
                ? 'You approved this change. Its requirements below show what, if anything, it still waits for.'
                : 'You denied this change. It will not merge until it is checked again and signed off.',
            );
            change.reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function ChangeBody({
  change,
  onDecided,
}: {
  change: ChangeDetailResponse;
  onDecided: (decision: 'approve' | 'deny') => void;
}): ReactNode {
  return (
    <>
      <section aria-labelledby="change-summary" className="panel">
        <h2 id="change-summary" className="visually-hidden">
          Summary
        </h2>
        <dl className="facts facts-wide">
          <div>
            <dt>Decision</dt>
            <dd>
              <DecisionBadge decision={change.decision} />{' '}
              <span className="muted">{formatDateTime(change.decidedAt)}</span>
            </dd>
          </div>
          <div>
            <dt>Author</dt>
            <dd>
              {change.author.name} <span className="muted">{change.author.level}</span>
              {!change.author.known ? <span className="badge badge-warn">not in the people list</span> : null}
            </dd>
          </div>
          <div>
            <dt>Provenance</dt>
            <dd>
              <AiBadge aiAssisted={change.aiAssisted} tools={change.tools} />
            </dd>
          </div>
          <div>
            <dt>Risk</dt>
            <dd>
              <RiskMeter risk={change.risk} />
            </dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>
              {change.commits} commits · {change.files} files ·{' '}
              <span className="added">+{change.linesAdded}</span>{' '}
              <span className="deleted">−{change.linesDeleted}</span>
            </dd>
          </div>
        </dl>
        {change.reasons.length > 0 && change.requirements.length === 0 ? (
          <ul className="reasons">
            {change.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <div className="columns">
        <section aria-labelledby="change-requirements" className="panel">
          <h2 id="change-requirements">Requirements</h2>
          {change.requirements.length === 0 ? (
            <Empty>No policy asks anything of this change.</Empty>
          ) : (
            <ul className="requirements">
              {change.requirements.map((requirement) => (
                <RequirementItem key={requirement.policy} requirement={requirement} />
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="change-signoff" className="panel">
          <h2 id="change-signoff">Sign-off</h2>
          {change.approval ? (
            <>
              <p>
                Needs {describeRequirement(change.approval.requirement)}.
                {change.approval.approvedBy.length > 0
                  ? ` Signed so far: ${change.approval.approvedBy.join(', ')}.`
                  : ''}
              </p>
              <DecideForm approval={change.approval} subject="this change" onDecided={onDecided} />
            </>
          ) : (
            <Empty>No sign-off was requested for this change.</Empty>
          )}
          <h3 className="small-heading">Who can approve</h3>
          <ReviewerList reviewers={change.eligible} />
        </section>
      </div>

      <section aria-labelledby="change-radius" className="panel">
        <h2 id="change-radius">
          Blast radius <TierBadge tier={change.blastRadius.mostCriticalTier} />
        </h2>
        <p className="muted">
          Score {change.blastRadius.score.toFixed(2)}. Arrows point from a service to those that depend on it.
        </p>
        <BlastRadiusGraph radius={change.blastRadius} subject="This change" />
        <RadiusTable radius={change.blastRadius} />
      </section>

      <section aria-labelledby="change-provenance" className="panel">
        <h2 id="change-provenance">Provenance</h2>
        <Provenance
          provenance={change.provenance}
          authors={change.authors}
          attestation={change.attestation}
        />
      </section>

      {change.riskReasons.length > 0 || change.notes.length > 0 ? (
        <section aria-labelledby="change-notes" className="panel">
          <h2 id="change-notes">Risk and notes</h2>
          <ul className="reasons">
            {[...change.riskReasons, ...change.notes].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="change-history" className="panel">
        <h2 id="change-history">History</h2>
        <ol className="history">
          {change.history.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
              <DecisionBadge decision={entry.decision} />
              {entry.reasons.length > 0 ? (
                <details>
                  <summary>
                    {entry.reasons.length === 1 ? 'Reason' : `${entry.reasons.length} reasons`}
                  </summary>
                  <ul className="reasons">
                    {entry.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function RequirementItem({ requirement }: { requirement: Requirement }): ReactNode {
  const state = requirement.kind === 'deny' ? 'denied' : requirement.satisfied ? 'met' : 'waiting';
  const label = { denied: 'Denied', met: 'Met', waiting: 'Waiting' }[state];
  return (
    <li className={`requirement requirement-${state}`}>
      <span className={`state state-${state}`}>{label}</span>
      <div>
        <p className="requirement-policy">
          <code>{requirement.policy}</code>
        </p>
        <p>{requirement.reason}</p>
        {requirement.missing && !requirement.satisfied ? (
          <p className="muted">Still missing: {requirement.missing}</p>
        ) : null}
        {requirement.approvedBy.length > 0 ? (
          <p className="muted">Approved by {requirement.approvedBy.join(', ')}</p>
        ) : null}
      </div>
    </li>
  );
}
