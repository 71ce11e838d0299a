/**
 * Turns `smithy.api#pattern` values into JavaScript regular expressions.
 *
 * Smithy says patterns are ECMA-262 regular expressions, matched anywhere in the value (not implicitly
 * anchored). AWS models were mostly written for Java's regex engine though, and a few use Java-only syntax
 * (`\p{Print}`, `\A`…`\z`, needless escapes such as `\_`, `[\w-_]`, or a quantifier on `$`). Each pattern is
 * compiled as-is with the `u` flag first (needed for `\p{L}` and friends); only when that fails is the Java
 * syntax rewritten to its ECMAScript equivalent, and only when that fails too is the non-`u` form tried, and
 * only if it has no `\p{…}` (without `u`, `\p{L}` silently means the letters `p{L}`).
 */

// Java's POSIX classes (ASCII, as java.util.regex.Pattern defines them without UNICODE_CHARACTER_CLASS), as
// class contents so they can go inside `[…]` or be wrapped in one.
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
  Graph: '\\x21-\\x7E',
  Print: '\\x20-\\x7E',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

// Escapes that mean the same with the `u` flag; any other `\x` is an identity escape `u` rejects.
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const CLASS_ESCAPES = new Set('dDsSwW'.split(''));
const KEEP_ESCAPES = new Set('bBfnrtv0123456789cxuk'.split(''));

const compiled = new Map<string, RegExp | null>();

/** The RegExp for a Smithy pattern, or `undefined` when it cannot be expressed in JavaScript. Cached. */
export function smithyPattern(pattern: string): RegExp | undefined {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = compile(pattern);
    compiled.set(pattern, re);
  }
  return re ?? undefined;
}

function compile(pattern: string): RegExp | null {
  const direct = tryRegExp(pattern, 'u');
  if (direct) return direct;
  const rewritten = rewriteJavaSyntax(pattern);
  const unicode = tryRegExp(rewritten, 'u');
  if (unicode) return unicode;
  if (/\\[pP]\{/.test(rewritten)) return null;
  return tryRegExp(rewritten, '');
}

function tryRegExp(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** Rewrites the Java-only constructs AWS models use into ECMAScript (`u` mode) syntax. Exported for tests. */
export function rewriteJavaSyntax(pattern: string): string {
  let out = '';
  let inClass = false;
  // Whether the last thing emitted inside a class was a class escape (`\w`, `\p{…}`): a `-` right after one is a
  // literal in Java but a syntax error in `u` mode.
  let afterClassEscape = false;
  let afterAnchor = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const wasAnchor = afterAnchor;
    afterAnchor = false;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) {
        out += '\\\\';
        continue;
      }
      i++;
      if ((next === 'p' || next === 'P') && pattern[i + 1] === '{') {
        const close = pattern.indexOf('}', i);
        const name = close === -1 ? '' : pattern.slice(i + 2, close);
        const posix = POSIX[name];
        if (posix !== undefined && close !== -1) {
          i = close;
          const negate = next === 'P';
          out += inClass && !negate ? posix : `[${negate ? '^' : ''}${posix}]`;
        } else {
          const end = close === -1 ? pattern.length - 1 : close;
          out += pattern.slice(i - 1, end + 1);
          i = end;
        }
        afterClassEscape = inClass;
        continue;
      }
      if (!inClass && next === 'A') {
        out += '^';
        afterAnchor = true;
      } else if (!inClass && (next === 'z' || next === 'Z')) {
        out += '$';
        afterAnchor = true;
      } else if (SYNTAX.has(next) || CLASS_ESCAPES.has(next) || KEEP_ESCAPES.has(next) || (inClass && next === '-')) {
        out += `\\${next}`;
      } else {
        // An identity escape such as `\_`, `\ `, `\:` or `\-` outside a class: the character itself.
        out += next;
      }
      afterClassEscape = inClass && CLASS_ESCAPES.has(next);
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      if (c === '-' && afterClassEscape && pattern[i + 1] !== ']') out += '\\-';
      else out += c;
      afterClassEscape = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A `]` or `^]` at the very start of a Java class is a literal `]`.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '{') {
      const quantifier = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (quantifier && wasAnchor) {
        // `${1,128}`: a quantified anchor is meaningless; the length trait carries the intended bound.
        i += quantifier[0].length - 1;
        afterAnchor = true;
      } else if (quantifier) {
        out += quantifier[0];
        i += quantifier[0].length - 1;
      } else {
        out += '\\{';
      }
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      continue;
    }
    if (c === '^' || c === '$') afterAnchor = true;
    out += c;
  }
  return out;
}
