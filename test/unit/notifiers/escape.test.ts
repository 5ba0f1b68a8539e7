import { describe, expect, it } from 'vitest';
import { escapeDiscord, escapeSlack, escapeTeams, fit, orDash, truncate } from '../../../server/alerts/notifiers/escape';
import { HOSTILE } from './fixtures';

const Z = '\u200B';

describe('escapeSlack', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['*bold*', `${Z}*${Z}bold${Z}*${Z}`],
    ['_it_ ~gone~ `code`', `${Z}_${Z}it${Z}_${Z} ${Z}~${Z}gone${Z}~${Z} ${Z}\`${Z}code${Z}\`${Z}`],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here> <@U123> <#C1>', `&lt;!here|here&gt; &lt;@${Z}U123&gt; &lt;#C1&gt;`],
    ['@everyone @here @channel', `@${Z}everyone @${Z}here @${Z}channel`],
    ['[link](http://evil)', `[link](http:${Z}//evil)`],
    ['<http://evil|click me>', `&lt;http:${Z}//evil|click me&gt;`],
    ['a & b &amp;', 'a &amp; b &amp;amp;'],
    ['> quoted\nline >', `${Z}&gt; quoted\nline &gt;`],
    ['127.0.0.1:40734 -> 127.0.0.1:5672', '127.0.0.1:40734 -&gt; 127.0.0.1:5672'],
    ['plain text', 'plain text'],
  ])('%j → %j', (input, expected) => {
    expect(escapeSlack(input)).toBe(expected);
  });

  it('leaves nothing Slack would parse as a link, mention or entity from hostile text', () => {
    const out = escapeSlack(HOSTILE);
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toContain('@everyone');
    expect(out).not.toContain('://');
  });
});

describe('escapeDiscord', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['*bold* __under__', '\\*bold\\* \\_\\_under\\_\\_'],
    ['~~strike~~ ||spoiler|| `code`', '\\~\\~strike\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`'],
    ['<!channel>', '\\<!channel\\>'],
    ['<@123> <#456> <t:1700000000:R>', `\\<@${Z}123\\> \\<\\#456\\> \\<t\\:1700000000\\:R\\>`],
    ['@everyone @here', `@${Z}everyone @${Z}here`],
    ['[link](http://evil)', '\\[link\\](http\\://evil)'],
    ['# Heading\n- item\n> quote', '\\# Heading\n\\- item\n\\> quote'],
    ['back\\slash', 'back\\\\slash'],
    ['127.0.0.1:40734 -> 127.0.0.1:5672', '127.0.0.1\\:40734 \\-\\> 127.0.0.1\\:5672'],
    ['plain text', 'plain text'],
  ])('%j → %j', (input, expected) => {
    expect(escapeDiscord(input)).toBe(expected);
  });

  it('leaves no unescaped markdown character and no live @everyone in hostile text', () => {
    const out = escapeDiscord(HOSTILE);
    expect(out).not.toMatch(/(^|[^\\])[*_~`|<>[\]]/);
    expect(out).not.toContain('@everyone');
  });
});

describe('escapeTeams', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['*bold* _it_ ~s~ `c`', '\\*bold\\* \\_it\\_ \\~s\\~ \\`c\\`'],
    ['<!channel>', '\\<!channel\\>'],
    ['@everyone', '@everyone'], // Teams mentions need <at> plus entities; plain @ never pings
    ['[link](http://evil)', `\\[link\\](http:${Z}//evil)`],
    ['{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '\\{\\{DATE(2017-02-14T06:08:39Z, SHORT)\\}\\}'],
    ['- item\n+ item\n# head\n12. twelve', '\\- item\n\\+ item\n\\# head\n12\\. twelve'],
    ['  - indented', '  \\- indented'],
    ['a-b 127.0.0.1 #7', 'a-b 127.0.0.1 #7'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j → %j', (input, expected) => {
    expect(escapeTeams(input)).toBe(expected);
  });

  it('leaves no unescaped markup in hostile text', () => {
    expect(escapeTeams(HOSTILE)).not.toMatch(/(^|[^\\])[*_<>[\]]/);
  });
});

describe('truncate and fit', () => {
  it('cuts with an ellipsis and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it.each([
    [escapeSlack, 'Slack'],
    [escapeDiscord, 'Discord'],
    [escapeTeams, 'Teams'],
  ])('keeps %s-escaped text within the limit without cutting an escape in half', (escape) => {
    const raw = HOSTILE.repeat(20);
    for (const max of [10, 37, 150, 1024]) {
      const out = fit(raw, max, escape);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect(out.slice(0, -1)).not.toMatch(/(\\|&[a-z]*)$/); // no dangling backslash or half entity
    }
  });

  it('returns short text unchanged apart from escaping', () => {
    expect(fit('*hi*', 100, escapeDiscord)).toBe('\\*hi\\*');
    expect(fit('plain', 100)).toBe('plain');
  });

  it('makes text inert before escaping: controls and bidirectional characters become visible stand-ins', () => {
    expect(fit('vh\u202Eevil', 100, escapeSlack)).toBe('vh⟨U+202E⟩evil');
    expect(fit('q\u0000\u001B[31m\u0007', 100, escapeDiscord)).toBe('q⟨NUL⟩⟨ESC⟩\\[31m⟨BEL⟩');
    expect(fit('vh\u202Eevil', 100)).toBe('vh⟨U+202E⟩evil'); // plain-text fields too
  });

  it('never cuts a stand-in in half to fit', () => {
    const out = fit('ab\u202Ecdef', 8);
    expect(out.length).toBeLessThanOrEqual(8);
    expect(out).toBe('ab…');
  });

  it('replaces empty text with a dash (services reject empty fields)', () => {
    expect(orDash('')).toBe('—');
    expect(orDash('  ')).toBe('—');
    expect(orDash('x')).toBe('x');
  });
});
