package lsp

import (
	"context"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser/source"
)

// Source is the "source" of every diagnostic the server publishes.
const Source = "tlals"

// diagnoser debounces changes, analyses the open documents off the request
// goroutine, cancels superseded work and publishes diagnostics.
//
// Every change calls schedule, which cancels the run in progress and starts
// a new one. A run waits for the debounce delay, then walks every open
// document: a document whose current analysis has already been published
// is skipped, others are analysed (snapshots remember their analysis, and
// reuse their predecessor's when the change cannot affect them) and
// published if their snapshot is still the current one. A run that is
// cancelled publishes nothing more; its successor covers everything.
type diagnoser struct {
	s     *Server
	delay time.Duration

	mu      sync.Mutex
	cancel  context.CancelFunc
	stopped bool
	wg      sync.WaitGroup

	pubMu     sync.Mutex
	published map[uri.URI]published

	checks checks // model-checking runs and results (check.go)
}

// published identifies what was last published for a document.
type published struct {
	version int32
	result  *cache.Result
}

func (d *diagnoser) init(s *Server, delay time.Duration) {
	d.s, d.delay = s, delay
	d.published = map[uri.URI]published{}
}

// schedule starts a new diagnostics run, cancelling the current one.
func (d *diagnoser) schedule() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped || d.s.bg == nil {
		return
	}
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithCancel(d.s.bg)
	d.cancel = cancel
	d.wg.Add(1)
	go d.run(ctx)
}

// stop cancels the current run and refuses new ones; with wait, it waits
// for the run to return.
func (d *diagnoser) stop(wait bool) {
	d.mu.Lock()
	d.stopped = true
	if d.cancel != nil {
		d.cancel()
	}
	d.mu.Unlock()
	if wait {
		d.wg.Wait()
	}
}

func (d *diagnoser) run(ctx context.Context) {
	defer d.wg.Done()
	defer func() {
		if r := recover(); r != nil {
			d.s.log.Error("panic in diagnostics", zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
		}
	}()
	if d.delay > 0 {
		t := time.NewTimer(d.delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	enc := d.s.encoding()
	for _, snap := range d.s.session.Snapshots() {
		if ctx.Err() != nil {
			return
		}
		if d.donePublishing(snap) {
			continue
		}
		start := time.Now()
		res, err := snap.Analyze(ctx)
		if err != nil {
			return // cancelled: a newer run follows
		}
		d.s.log.Debug("analysed", zap.String("uri", string(snap.URI)), zap.Int32("version", snap.Version),
			zap.Duration("took", time.Since(start)), zap.Int("diagnostics", len(res.Diagnostics)))
		d.publish(snap, res, enc)
	}
}

// donePublishing reports whether snap's analysis, if already computed, has
// been published.
func (d *diagnoser) donePublishing(snap *cache.Snapshot) bool {
	res := snap.Result()
	if res == nil {
		return false
	}
	d.pubMu.Lock()
	defer d.pubMu.Unlock()
	p, ok := d.published[snap.URI]
	return ok && p.version == snap.Version && p.result == res
}

func (d *diagnoser) publish(snap *cache.Snapshot, res *cache.Result, enc source.Encoding) {
	d.pubMu.Lock()
	defer d.pubMu.Unlock()
	if !d.s.session.IsCurrent(snap) {
		return // superseded: the run for the newer snapshot publishes
	}
	if p, ok := d.published[snap.URI]; ok && p.version == snap.Version && p.result == res {
		return
	}
	params := &protocol.PublishDiagnosticsParams{
		URI:         snap.URI,
		Version:     protocol.NewOptional(snap.Version),
		Diagnostics: d.s.withCheckDiagnostics(snap, toDiagnostics(snap, res, enc), enc),
	}
	if err := d.s.client.PublishDiagnostics(d.s.bg, params); err != nil {
		d.s.log.Warn("publishDiagnostics failed", zap.Error(err))
		return
	}
	d.published[snap.URI] = published{snap.Version, res}
}

// clear publishes an empty list for a closed document.
func (d *diagnoser) clear(u uri.URI) {
	d.pubMu.Lock()
	defer d.pubMu.Unlock()
	delete(d.published, u)
	if d.s.client == nil {
		return
	}
	err := d.s.client.PublishDiagnostics(d.s.bg, &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: []protocol.Diagnostic{}})
	if err != nil {
		d.s.log.Warn("publishDiagnostics failed", zap.Error(err))
	}
}

// toDiagnostics converts the diagnostics of res that belong to snap's
// document: the one place where their byte spans become protocol ranges.
// Diagnostics in other files are not published (yet).
func toDiagnostics(snap *cache.Snapshot, res *cache.Result, enc source.Encoding) []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	files := fileCache{snap: snap, res: res}
	for _, dg := range res.Diagnostics {
		if dg.Path != snap.Path && filepath.Clean(dg.Path) != snap.Path {
			continue
		}
		pd := protocol.Diagnostic{
			Range:    toRange(snap.File, dg.Span, enc),
			Severity: protocolSeverity(dg.Severity),
			Source:   protocol.NewOptional(Source),
			Message:  protocol.String(dg.Message),
		}
		if dg.Code != "" {
			pd.Code = protocol.String(dg.Code)
		}
		if dg.Unnecessary {
			pd.Tags = protocol.NewDiagnosticTags(protocol.DiagnosticTagUnnecessary)
		}
		for _, r := range dg.Related {
			loc := protocol.Location{URI: pathURI(snap, r.Path)}
			if f := files.get(r.Path); f != nil {
				loc.Range = toRange(f, r.Span, enc)
			}
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{Location: loc, Message: r.Message})
		}
		out = append(out, pd)
	}
	return out
}

func protocolSeverity(s analysis.Severity) protocol.DiagnosticSeverity {
	switch s {
	case analysis.Warning:
		return protocol.DiagnosticSeverityWarning
	case analysis.Information:
		return protocol.DiagnosticSeverityInformation
	case analysis.Hint:
		return protocol.DiagnosticSeverityHint
	}
	return protocol.DiagnosticSeverityError
}

// pathURI is the URI of a path as the client knows it.
func pathURI(snap *cache.Snapshot, path string) uri.URI {
	if path == snap.Path {
		return snap.URI
	}
	if filepath.IsAbs(path) {
		return uri.File(path)
	}
	if u, err := uri.Parse(path); err == nil {
		return u
	}
	return uri.File(path)
}

// fileCache finds the text of related files: those the analysis read,
// then the overlay and the disk.
type fileCache struct {
	snap  *cache.Snapshot
	res   *cache.Result
	extra map[string]*source.File
}

func (c *fileCache) get(path string) *source.File {
	if f := c.res.Files[path]; f != nil {
		return f
	}
	if f, ok := c.extra[path]; ok {
		return f
	}
	var f *source.File
	if text, err := c.snap.ReadFile(path); err == nil {
		f = source.NewFile(path, text)
	}
	if c.extra == nil {
		c.extra = map[string]*source.File{}
	}
	c.extra[path] = f
	return f
}
