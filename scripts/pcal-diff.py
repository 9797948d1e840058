#!/usr/bin/env python3
"""Differential test of `tlals translate` against pcal.trans on random
PlusCal algorithms (processes, procedures, macros, labels with fairness
modifiers, if/either/with/while/goto, define blocks, in-file options).

usage: scripts/pcal-diff.py SEED SECONDS OUTDIR
  TLALS (default tlals on PATH) is the tlals binary; TLA2TOOLS the jar
  (default ../shared/tools/tla2tools.jar). Each module where the two
  translations differ (byte for byte, checksums included) is written to
  OUTDIR/diffN.tla; modules pcal.trans rejects but tlals translates to
  OUTDIR/rejN.tla. The reference runs in a temporary directory."""
import random, subprocess, sys, os, time, re, tempfile, shutil

JAR = os.environ.get('TLA2TOOLS', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'tools', 'tla2tools.jar'))
TLALS = os.environ.get('TLALS', 'tlals')

def reference(path):
    d = tempfile.mkdtemp()
    try:
        shutil.copy(path, os.path.join(d, 'T.tla'))
        p = subprocess.run(['java', '-cp', os.path.abspath(JAR), 'pcal.trans', '-nocfg', 'T.tla'], cwd=d, capture_output=True, text=True)
        return open(os.path.join(d, 'T.tla')).read(), p.stdout + p.stderr
    finally:
        shutil.rmtree(d)

VARS = ['x', 'y', 'z', 'f', 's']
def expr(r, d=0):
    c = r.randint(0, 12 if d < 2 else 5)
    if c == 0: return str(r.randint(0, 3))
    if c == 1: return r.choice(['x', 'y', 'z'])
    if c == 2: return '"a%d"' % r.randint(0, 2)
    if c == 3: return 'f[%d]' % r.randint(1, 2)
    if c == 4: return 'TRUE'
    if c == 5: return 'Len(s)'
    if c == 6: return '%s + %s' % (expr(r, d+1), expr(r, d+1))
    if c == 7: return '(%s)' % expr(r, d+1)
    if c == 8: return '{%s, %s}' % (expr(r, d+1), expr(r, d+1))
    if c == 9: return '<<%s>>' % expr(r, d+1)
    if c == 10: return 'IF x > 0 THEN %s ELSE %s' % (expr(r, d+1), expr(r, d+1))
    if c == 11: return '[f EXCEPT ![1] = %s]' % expr(r, d+1)
    return '\\E e \\in {1, 2} : e = %s' % expr(r, d+1)

def cond(r):
    c = r.randint(0, 4)
    if c == 0: return 'x > %d' % r.randint(0, 2)
    if c == 1: return 'y = z'
    if c == 2: return '/\\ x > 0\n%s /\\ y < 3' % (' ' * 0)
    if c == 3: return 'TRUE'
    return 'x # y \\/ z = 1'

class G:
    def __init__(self, r, procs, inproc, macros):
        self.r = r; self.procs = procs; self.inproc = inproc; self.macros = macros; self.n = 0; self.labels = []
    def label(self, force=False):
        if force or self.r.random() < 0.65:
            self.n += 1
            self.labels.append('l%d' % self.n)
            mod = self.r.choice(['', '', '', '+', '-']) if self.fairlab else ''
            return 'l%d:%s ' % (self.n, mod)
        return ''
    def stmts(self, ind, depth, first=False, k=None):
        out = []
        k = k or self.r.randint(1, 3)
        for i in range(k):
            out.append(self.stmt(ind, depth, first and i == 0))
        return out
    def stmt(self, ind, depth, first):
        r = self.r
        lab = self.label(first)
        pad = ' ' * ind
        c = r.randint(0, 14 if depth < 2 else 8)
        if c <= 2:
            v = r.choice(['x', 'y', 'z', 'f[1]', 'x', 's'])
            rhs = expr(r) if v != 's' else 'Append(s, %s)' % expr(r)
            if r.random() < 0.2:
                return pad + lab + '%s := %s || %s := %s;' % ('z', expr(r), 'y', expr(r))
            return pad + lab + '%s := %s;' % (v, rhs)
        if c == 3: return pad + lab + 'skip;'
        if c == 4: return pad + lab + 'await %s;' % cond(r)
        if c == 5: return pad + lab + 'print %s;' % expr(r)
        if c == 6: return pad + lab + 'assert %s;' % cond(r)
        if c == 7 and self.macros: return pad + lab + '%s(%s);' % (r.choice(self.macros), r.choice(['x', 'y', 'f[2]']))
        if c == 8 and self.procs: 
            p = r.choice(self.procs)
            tail = ''
            if self.inproc and r.random() < 0.3: tail = ' return;'
            return pad + lab + 'call %s(%s);%s' % (p, expr(r), tail)
        if c in (9, 10):
            s = pad + lab + 'if %s then\n' % cond(r) + '\n'.join(self.stmts(ind + 3, depth + 1))
            if r.random() < 0.5:
                s += '\n' + pad + 'else\n' + '\n'.join(self.stmts(ind + 3, depth + 1))
            return s + '\n' + pad + 'end if;'
        if c == 11:
            s = pad + lab + 'either\n' + '\n'.join(self.stmts(ind + 3, depth + 1))
            for _ in range(r.randint(1, 2)):
                s += '\n' + pad + 'or\n' + '\n'.join(self.stmts(ind + 3, depth + 1))
            return s + '\n' + pad + 'end either;'
        if c == 12:
            b = r.choice(['i \\in 1..2', 'i = x', 'i \\in {1}, j = i'])
            g = G(r, [], False, self.macros); g.n = 1000 + self.n * 10; g.fairlab = False
            body = ['%s%s := %s;' % (' ' * (ind + 3), r.choice(['x', 'y']), r.choice(['i', 'i + 1']))]
            return pad + lab + 'with %s do\n%s\n%send with;' % (b, '\n'.join(body), pad)
        if c == 13:
            return pad + self.label(True) + 'while %s do\n' % r.choice(['x < 3', 'TRUE', 'y # z']) + '\n'.join(self.stmts(ind + 3, depth + 1)) + '\n' + pad + 'end while;'
        if c == 14 and self.labels:
            return pad + lab + 'goto %s;' % r.choice(self.labels)
        return pad + lab + 'skip;'

def algorithm(r):
    procs = ['P%d' % i for i in range(r.randint(0, 2))]
    macros = ['M%d' % i for i in range(r.randint(0, 1))]
    mp = r.random() < 0.6
    fairalg = r.random() < 0.1
    lines = ['variables x = 0, y = 1, z \\in {0, 1}, f = [i \\in 1..2 |-> 0], s = <<>>;']
    if r.random() < 0.3:
        lines += ['define', '  D == x + y', '  E(a) == /\\ a > 0', '          /\\ a < 3', 'end define;']
    for m in macros:
        lines += ['macro %s(v) begin' % m, '  v := v + 1;', 'end macro;']
    for p in procs:
        g = G(r, procs, True, macros); g.fairlab = False; g.n = 100 * (procs.index(p) + 1)
        lines += ['procedure %s(a = 0)' % p, 'variable loc = a;', 'begin']
        lines += g.stmts(2, 0, True)
        lines += ['  %s return;' % g.label(True), 'end procedure;']
    if mp:
        for i in range(r.randint(1, 2)):
            fair = r.choice(['', '', 'fair ', 'fair+ '])
            g = G(r, procs, False, macros); g.fairlab = bool(fair); g.n = 500 + 50 * i
            idp = r.choice(['\\in 1..2', '= 3']) if i == 0 else '= "q"'
            lines += ['%sprocess Pr%d %s' % (fair, i, idp)]
            if r.random() < 0.5: lines += ['variable loc = 0;']
            lines += ['begin'] + g.stmts(2, 0, True) + ['end process;']
    else:
        g = G(r, procs, False, macros); g.fairlab = False
        lines += ['begin'] + g.stmts(2, 0, True)
    lines += ['end algorithm; *)']
    opts = ''
    if r.random() < 0.15: opts = '\\* PlusCal options (%s)\n' % r.choice(['-termination', '-wf', '-sf', '-nocfg'])
    return opts, fairalg, '\n'.join(lines) + '\n'

def module(opts, fair, alg):
    kw = 'fair algorithm' if fair else 'algorithm'
    return ('---- MODULE T ----\nEXTENDS Naturals, Sequences, TLC\n' + opts + '(* --' + kw + ' T\n' + alg +
            '\\* BEGIN TRANSLATION (chksum(pcal) = "0" /\\ chksum(tla) = "0")\n\\* END TRANSLATION\n====\n')

def main():
    seed = int(sys.argv[1]); dur = float(sys.argv[2]); outdir = sys.argv[3]
    os.makedirs(outdir, exist_ok=True)
    r = random.Random(seed)
    end = time.time() + dur
    n = ok = bad = rej = 0
    while time.time() < end:
        n += 1
        src = module(*algorithm(r))
        d = tempfile.mkdtemp()
        open(d + '/T.tla', 'w').write(src)
        refout, log = reference(d + '/T.tla')
        refok = 'rror' not in log and 'Exception' not in log
        got = subprocess.run([TLALS, 'translate', '-stdout', d + '/T.tla'], capture_output=True, text=True)
        shutil.rmtree(d)
        if not refok:
            rej += 1
            if got.returncode == 0:
                open('%s/rej%d.tla' % (outdir, n), 'w').write(src + '\n(* ref:\n' + log[-400:] + '*)\n')
            continue
        if got.stdout == refout:
            ok += 1
        else:
            bad += 1
            open('%s/diff%d.tla' % (outdir, n), 'w').write(src)
    print('seed', seed, 'runs', n, 'same', ok, 'differ', bad, 'rejected by pcal.trans', rej)

main()
