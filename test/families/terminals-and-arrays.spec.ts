import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Doors through which a command reaches a shell without being typed on the line: a terminal multiplexer that
// starts it or types it into a pane, an expect script that spawns it, an array expanded into a command line, a
// command name printed by a substitution the line shows. Each door is read; what comes through it is judged.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('terminals, expect, arrays and printed names are read', () => {
  it.each([
    // a new session runs its command on this machine
    [
      "tmux new-session -d -s web 'npm start'",
      'tmux new-session -d \'psql -h pg.prod.example.com -c "DROP TABLE orders"\'',
    ],
    ["tmux new-window -n logs 'tail -f log/dev.log'", "tmux split-window 'rm -rf ~/Documents'"],
    // text typed into a pane or a screen session runs wherever that terminal is logged in
    ["tmux send-keys -t build 'make test' Enter", "tmux send-keys -t build 'rm -rf /srv/data' Enter"],
    [
      "screen -S work -X stuff 'git status\\n'",
      "screen -S work -X stuff 'kubectl --context prod-us delete ns api\\n'",
    ],
    ['screen -dmS api npm run serve', 'screen -dmS wipe rm -rf ~/.ssh'],
    // expect: spawned programs are read; typed ones are held
    ["expect -c 'spawn git --version; expect eof'", 'expect -c \'spawn ssh ops@host; send "reboot\\r"\''],
    // arrays of literal words are expanded like the words they hold
    ['opts=(-la src); ls "${opts[@]}"', 'opts=(--context prod-us delete deploy api); kubectl "${opts[@]}"'],
    ['cmd=(rm -rf ./dist); "${cmd[@]}"', 'cmd=(rm -rf ~/projects); "${cmd[@]}"'],
    // a command name from a substitution the line shows is that name
    ["$(printf '\\162\\155') -rf ./coverage", "$(printf '\\162\\155') -rf ~/.aws"],
    ['$(echo rm) -f ./tmp/out.log', '$(echo dropdb) -h pg.prod.example.com orders'],
    // the repository root a substitution names, when the command runs inside the line's repository
    ['rm -rf "$(git rev-parse --show-toplevel)/dist"', 'rm -rf "$(git rev-parse --show-toplevel)"'],
    // a job whose text the line shows is read now; `parallel --dry-run` only prints
    ["echo 'npm run report' | at now + 2 hours", "echo 'rm -rf ~/Documents' | at midnight"],
    [
      'parallel --dry-run kubectl --context prod-us delete ns {} ::: a b',
      'parallel kubectl --context prod-us delete ns {} ::: a b',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
