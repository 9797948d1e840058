#!/usr/bin/env python3
"""Compares the outputs of scripts/sany-diff.sh OUT: files both accept or
both reject (and whether the first positions agree), lint errors on files
SANY accepts, SANY errors lint misses, and position differences. A SANY
error without a position (a missing or misnamed module file) agrees with
any lint error."""
import os, re, sys
D = sys.argv[1]
files = open(os.path.join(D, 'files')).read().split()
def sany(f):
    t = open(os.path.join(D, 'sany', f.replace('/', '%')), errors='replace').read()
    errs = []
    # parse errors
    for m in re.finditer(r'Encountered "(.*?)" at line (\d+), column (\d+)', t):
        errs.append(('parse', int(m.group(2)), int(m.group(3)), m.group(1)))
    for m in re.finditer(r'Lexical error at line (\d+), column (\d+)', t):
        errs.append(('lex', int(m.group(1)), int(m.group(2)), ''))
    sem = re.split(r'\*\*\* Errors: \d+', t)
    if len(sem) > 1:
        body = sem[1].split('*** Warnings')[0]
        for m in re.finditer(r'line (\d+), col (\d+) to line \d+, col \d+ of module (\S+)\s*\n\s*\n(.*)', body):
            errs.append((m.group(3), int(m.group(1)), int(m.group(2)), m.group(4)))
        if not errs:
            errs.append(('?', 0, 0, body.strip()[:200]))
    if not errs and ('Fatal errors' in t or 'Could not' in t or 'rror' in t.split('Semantic processing')[-1] and '*** Errors' in t):
        tail = t[t.find('Parsing file'):]
        msg = [l for l in t.splitlines() if l.strip() and not l.startswith(('Parsing file','Semantic processing','Linting','****** SANY'))]
        errs.append(('fatal', 0, 0, ' | '.join(msg[:4])[:300]))
    return errs
def lint(f):
    t = open(os.path.join(D, 'lint', f.replace('/', '%')), errors='replace').read()
    errs = []
    for l in t.splitlines():
        m = re.match(r'(.*?):(\d+):(\d+): error: (.*)', l)
        if m:
            errs.append((os.path.basename(m.group(1)).replace('.tla',''), int(m.group(2)), int(m.group(3)), m.group(4)))
        elif ': error:' in l:
            errs.append(('?',0,0,l))
    return errs
stats = {'agree_ok':0, 'agree_err':0, 'agree_err_pos':0, 'false_err':[], 'missed':[], 'posdiff':[]}
for f in files:
    s, l = sany(f), lint(f)
    if not s and not l: stats['agree_ok'] += 1
    elif not s: stats['false_err'].append((f, l[:3]))
    elif not l: stats['missed'].append((f, s[:3]))
    else:
        stats['agree_err'] += 1
        # compare first positions
        sp = {(x[1], x[2]) for x in s}
        lp = {(x[1], x[2]) for x in l}
        if s[0][1] == 0 or (l[0][1], l[0][2]) in sp or (s[0][1], s[0][2]) in lp:
            stats['agree_err_pos'] += 1
        else:
            stats['posdiff'].append((f, s[:3], l[:3]))
print('files', len(files), 'both ok', stats['agree_ok'], 'both err', stats['agree_err'], 'same pos', stats['agree_err_pos'])
print('FALSE ERRORS (lint err, sany ok):', len(stats['false_err']))
for f, l in stats['false_err']: print('  ', f, l)
print('MISSED (sany err, lint ok):', len(stats['missed']))
for f, s in stats['missed']: print('  ', f, s)
print('POSITION DIFFS:', len(stats['posdiff']))
for f, s, l in stats['posdiff']: print('  ', f, '\n     sany', s, '\n     lint', l)
