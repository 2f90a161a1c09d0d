import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostFormatFor } from '../../server/src/hosts/index';

describe('hostFormatFor', () => {
  it('reads zone files under the language ids editors give them', () => {
    // VS Code (spf-lens's own language), Vim/Neovim's filetype, Emacs dns-mode through eglot.
    for (const languageId of ['dns-zone', 'bindzone', 'dns', 'zone']) {
      assert.equal(hostFormatFor('file:///srv/example.txt', languageId)?.kind, 'zone', languageId);
    }
  });

  it('goes by the file name when the language says nothing', () => {
    for (const uri of ['file:///srv/example.com.zone', 'file:///srv/example.com.db', 'file:///srv/db.example.com', 'file:///srv/DB.EXAMPLE']) {
      assert.equal(hostFormatFor(uri, undefined)?.kind, 'zone', uri);
      assert.equal(hostFormatFor(uri, 'plaintext')?.kind, 'zone', uri);
    }
    assert.equal(hostFormatFor('file:///srv/notes.txt', 'plaintext'), undefined);
  });

  it('leaves documents of other languages alone', () => {
    assert.equal(hostFormatFor('file:///srv/app.db', 'sql'), undefined);
    assert.equal(hostFormatFor('file:///srv/main.tf', 'terraform'), undefined);
  });
});
