// TLA+ values as the checker prints them (TLC's text form), parsed into a
// small tree so that the trace view can diff states recursively.
//
// The parser is total: text it does not understand (set expressions such as
// 1..3 or Nat, lambdas, anything new) becomes an atom holding the raw text,
// so a value always renders, it just diffs as a whole.

export type Value =
	| { kind: 'atom'; text: string }
	| { kind: 'seq'; items: Value[] }
	| { kind: 'set'; items: Value[] }
	| { kind: 'rec'; fields: [string, Value][] }
	| { kind: 'fcn'; pairs: [Value, Value][] };

type Tok = { t: string; s: string }; // t: kind, s: text

const PUNCT = ['|->', '<<', '>>', ':>', '@@', '[', ']', '{', '}', '(', ')', ',', ':'];

function tokenize(src: string): Tok[] | undefined {
	const out: Tok[] = [];
	let i = 0;
	outer: while (i < src.length) {
		const c = src[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '"') {
			let j = i + 1;
			while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
			if (j >= src.length) return undefined;
			out.push({ t: 'str', s: src.slice(i, j + 1) });
			i = j + 1;
			continue;
		}
		for (const p of PUNCT) {
			if (src.startsWith(p, i)) {
				out.push({ t: p, s: p });
				i += p.length;
				continue outer;
			}
		}
		const m = /^(-?\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
		if (!m) return undefined; // an operator we do not model: keep the raw text
		out.push({ t: /^-?\d/.test(m[0]) ? 'num' : 'id', s: m[0] });
		i += m[0].length;
	}
	return out;
}

class Parser {
	private i = 0;
	constructor(private readonly toks: Tok[]) {}

	done(): boolean {
		return this.i === this.toks.length;
	}
	private peek(k = 0): Tok | undefined {
		return this.toks[this.i + k];
	}
	private eat(t: string): void {
		if (this.peek()?.t !== t) throw new Error(`expected ${t}`);
		this.i++;
	}
	private list<T>(close: string, item: () => T): T[] {
		const items: T[] = [];
		if (this.peek()?.t === close) {
			this.i++;
			return items;
		}
		for (;;) {
			items.push(item());
			const t = this.peek()?.t;
			if (t === ',') {
				this.i++;
				continue;
			}
			this.eat(close);
			return items;
		}
	}

	value(): Value {
		const t = this.peek();
		if (!t) throw new Error('unexpected end');
		switch (t.t) {
			case 'str':
			case 'num':
			case 'id':
				this.i++;
				return { kind: 'atom', text: t.s };
			case '<<':
				this.i++;
				return { kind: 'seq', items: this.list('>>', () => this.value()) };
			case '{':
				this.i++;
				return { kind: 'set', items: this.list('}', () => this.value()) };
			case '[':
				this.i++;
				return {
					kind: 'rec',
					fields: this.list(']', () => {
						const name = this.peek();
						if (name?.t !== 'id') throw new Error('field name');
						this.i++;
						this.eat('|->');
						return [name.s, this.value()] as [string, Value];
					}),
				};
			case '(': {
				this.i++;
				const pairs: [Value, Value][] = [];
				for (;;) {
					const k = this.value();
					this.eat(':>');
					pairs.push([k, this.value()]);
					if (this.peek()?.t === '@@') {
						this.i++;
						continue;
					}
					this.eat(')');
					return { kind: 'fcn', pairs };
				}
			}
		}
		throw new Error(`unexpected ${t.s}`);
	}
}

/** parseValue parses TLC's printed form of a value; never throws. */
export function parseValue(text: string): Value {
	const toks = tokenize(text);
	if (toks && toks.length > 0) {
		try {
			const p = new Parser(toks);
			const v = p.value();
			if (p.done()) return v;
		} catch {
			// fall through to an atom
		}
	}
	return { kind: 'atom', text: text.trim() };
}

/** formatValue prints a value back in TLC's form. */
export function formatValue(v: Value): string {
	switch (v.kind) {
		case 'atom':
			return v.text;
		case 'seq':
			return `<<${v.items.map(formatValue).join(', ')}>>`;
		case 'set':
			return `{${v.items.map(formatValue).join(', ')}}`;
		case 'rec':
			return `[${v.fields.map(([k, x]) => `${k} |-> ${formatValue(x)}`).join(', ')}]`;
		case 'fcn':
			return `(${v.pairs.map(([k, x]) => `${formatValue(k)} :> ${formatValue(x)}`).join(' @@ ')})`;
	}
}
