// A deliberately broken extension: its code action provider and its command
// throw. The harness self-test runs a suite against it and expects red.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider('python', {
      provideCodeActions() {
        throw new Error('broken fixture: code action provider throws');
      },
    }),
    vscode.commands.registerCommand('brokenFixture.explode', () => {
      throw new Error('broken fixture: command throws');
    }),
  );
}

module.exports = { activate };
