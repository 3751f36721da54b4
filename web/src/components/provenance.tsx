import type { ReactNode } from 'react';
import type { ChangeDetailResponse, Provenance as ProvenanceData } from '../contract.js';
import { percent, shortSha } from '../format.js';

type Evidence = ProvenanceData['commits'][number]['evidence'][number];

/** Who wrote a change: its authors, and per commit whether AI helped and the evidence for it. */
export function Provenance({
  provenance,
  authors,
  attestation,
}: {
  provenance: ProvenanceData;
  authors: ChangeDetailResponse['authors'];
  attestation: ChangeDetailResponse['attestation'];
}): ReactNode {
  return (
    <>
      <AttestedAgainstDeclared attestation={attestation} />
      <p>
        {provenance.aiAssisted
          ? `AI-assisted by ${provenance.tools.join(', ') || 'an unnamed tool'}: ${percent(provenance.aiShare)} of commits carry evidence.`
          : 'No commit carries evidence of AI assistance.'}{' '}
        Authors:{' '}
        {authors.map((author, index) => (
          <span key={author.id}>
            {index > 0 ? ', ' : ''}
            {author.name}{' '}
            <span className="muted">
              ({author.level}, {author.commits} commits)
            </span>
          </span>
        ))}
      </p>
      {provenance.evidence && provenance.evidence.length > 0 ? (
        <p>
          About the whole change: <EvidenceList evidence={provenance.evidence} />
        </p>
      ) : null}
      <table className="rtable">
        <caption className="visually-hidden">Provenance of each commit</caption>
        <thead>
          <tr>
            <th scope="col">Commit</th>
            <th scope="col">AI-assisted</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {provenance.commits.map((commit) => (
            <tr key={commit.sha}>
              <th scope="row" data-label="Commit">
                <code>{shortSha(commit.sha)}</code>
              </th>
              <td data-label="AI-assisted">{commit.aiAssisted ? `Yes: ${commit.tools.join(', ')}` : 'No'}</td>
              <td data-label="Evidence">
                {commit.evidence.length > 0 ? (
                  <EvidenceList evidence={commit.evidence} />
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The AI share of lines (attested by the hooks) beside the share of commits (declared), and where they disagree. */
function AttestedAgainstDeclared({
  attestation,
}: {
  attestation: ChangeDetailResponse['attestation'];
}): ReactNode {
  const { lines } = attestation;
  return (
    <div className="attestation" data-testid="attested-vs-declared">
      <dl className="facts">
        <div>
          <dt>AI share of lines (attested)</dt>
          <dd>
            {lines
              ? `${percent(lines.share)}: ${lines.attested} of ${lines.added} added lines`
              : 'no attestation on record'}
          </dd>
        </div>
        <div>
          <dt>AI share of commits (declared)</dt>
          <dd>{percent(attestation.declaredCommitShare)}</dd>
        </div>
      </dl>
      {attestation.unattested.length > 0 ? (
        <p>
          <span className="badge badge-warn">AI-likely, unattested</span> {commitList(attestation.unattested)}
          : trailers or notes say AI, but the hooks attested none of their lines.
        </p>
      ) : null}
      {attestation.undeclared.length > 0 ? (
        <p>
          <span className="badge badge-warn">Attested, undeclared</span> {commitList(attestation.undeclared)}:
          the hooks saw an agent write their lines, but nothing in the commits says so.
        </p>
      ) : null}
    </div>
  );
}

function commitList(shas: string[]): ReactNode {
  return shas.map((sha, index) => (
    <span key={sha}>
      {index > 0 ? ', ' : ''}
      <code>{shortSha(sha)}</code>
    </span>
  ));
}

const KIND_LABEL: Record<Evidence['kind'], string> = {
  'co-author': 'Co-authored-by',
  'bot-author': 'bot author',
  trailer: 'trailer',
  footer: 'footer',
  'git-ai-note': 'git-ai note',
  label: 'PR label',
  'config-pattern': 'configured pattern',
  attestation: 'attested by the hooks',
};

function EvidenceList({ evidence }: { evidence: Evidence[] }): ReactNode {
  return (
    <ul className="evidence">
      {evidence.map((item, index) => (
        <li key={`${item.kind}-${index}`}>
          <span className={`strength strength-${item.strength}`}>{item.strength}</span>{' '}
          {KIND_LABEL[item.kind]} ({item.tool}): <q>{item.text}</q>
        </li>
      ))}
    </ul>
  );
}
