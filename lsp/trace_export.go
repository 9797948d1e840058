package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/lsp/cache"
)

// Export trace: the last run's trace of a document's model, in one of the
// formats of tlals check -dump-trace (checker.TraceFormats).

// exportTrace writes the trace of the last run of u's model as
// {format: "tla"|"json"|"itf", path?}: to path, or returned as text.
func (s *Server) exportTrace(ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, rest, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	opt := struct {
		Format string `json:"format"`
		Path   string `json:"path"`
	}{Format: "json"}
	if len(rest) > 0 && string(rest[0]) != "null" {
		if err := json.Unmarshal(rest[0], &opt); err != nil {
			return nil, errf(jsonrpc2.InvalidParams, "tlals.exportTrace: %v", err)
		}
	}
	run := s.lastRunOf(cache.PathOf(u))
	if run == nil || run.Result == nil {
		return nil, errf(codeRequestFailed, "no model checked for %s: check it first", u)
	}
	name := opt.Path
	if name == "" {
		name = strings.TrimSuffix(run.Model.TLAPath, ".tla") + "_TTrace." + opt.Format
		if opt.Format == "tla" {
			name = strings.TrimSuffix(run.Model.TLAPath, ".tla") + "_TTrace.tla"
		}
	}
	var b strings.Builder
	if err := run.Result.WriteTrace(&b, opt.Format, name); err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	if opt.Path == "" {
		return map[string]string{"text": b.String()}, nil
	}
	path := s.resolvePath(opt.Path)
	if err := writeFile(path, []byte(b.String())); err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	return map[string]string{"path": path}, nil
}
