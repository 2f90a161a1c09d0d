// Work-done progress that appears only when the work takes more than half a second, so quick
// checks do not flash a notification.

import type { Connection } from 'vscode-languageserver/node';

export interface DelayedProgress {
  report(message: string): void;
  done(): void;
}

export function delayedProgress(connection: Connection, supported: boolean, title: string, delayMs = 500): DelayedProgress {
  let progress: Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>> | undefined;
  let finished = false;
  let lastMessage = '';
  const timer = setTimeout(() => {
    if (!supported) return;
    void connection.window.createWorkDoneProgress().then((created) => {
      if (finished) return created.done();
      progress = created;
      created.begin(title, undefined, lastMessage);
    }, () => undefined);
  }, delayMs);
  return {
    report(message) {
      lastMessage = message;
      progress?.report(message);
    },
    done() {
      finished = true;
      clearTimeout(timer);
      progress?.done();
    },
  };
}
