package lsp

import (
	"context"
	"slices"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tlals/tlals/parser/source"
)

// Lifecycle methods: initialize, initialized, shutdown, exit.

func (s *Server) initialize(ctx context.Context, p *protocol.InitializeParams) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateCreated {
		return nil, errf(jsonrpc2.InvalidRequest, "initialize sent twice")
	}
	s.state = stateInitialized
	s.clientCaps = p.Capabilities

	// Position encoding: UTF-8 when the client offers it (no conversion),
	// else the mandatory UTF-16.
	s.enc = source.UTF16
	encKind := protocol.PositionEncodingKindUTF16
	if g := p.Capabilities.General; g != nil && slices.Contains(g.PositionEncodings, protocol.PositionEncodingKindUTF8) {
		s.enc = source.UTF8
		encKind = protocol.PositionEncodingKindUTF8
	}

	if folders, ok := p.WorkspaceFolders.Get(); ok {
		s.folders = slices.Clone(folders)
	} else if p.RootURI != nil && *p.RootURI != "" {
		s.folders = []protocol.WorkspaceFolder{{URI: *p.RootURI, Name: "root"}}
	}
	if len(p.InitializationOptions) > 0 {
		// Settings may come with initialize, in the shape of the "tlals"
		// configuration section.
		if st, err := parseSettings(s.settings, p.InitializationOptions); err != nil {
			s.log.Warn("bad initializationOptions", zap.Error(err))
		} else {
			s.settings = st
		}
	}
	s.applySettingsLocked()
	s.log.Info("initialize", zap.String("client", p.ClientInfo.Name), zap.String("positionEncoding", string(encKind)),
		zap.Int("folders", len(s.folders)))

	open, incremental := true, protocol.TextDocumentSyncKindIncremental
	yes := true
	caps := protocol.ServerCapabilities{
		PositionEncoding: encKind,
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: &open,
			Change:    &incremental,
			Save:      protocol.Boolean(true),
		},
		Workspace: &protocol.WorkspaceOptions{
			WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
				Supported:           &yes,
				ChangeNotifications: protocol.Boolean(true),
			},
		},
	}
	for _, m := range methodTable {
		if m.declare != nil {
			m.declare(s, &caps)
		}
	}
	info := protocol.ServerInfo{Name: "tlals"}
	if s.opts.Version != "" {
		info.Version = protocol.NewOptional(s.opts.Version)
	}
	return &protocol.InitializeResult{Capabilities: caps, ServerInfo: info}, nil
}

// initialized starts what needs the client's help: pulling the settings
// and registering file watchers. Both are calls to the client, made from
// their own goroutine so that the read loop stays free to read the answers.
func (s *Server) initialized(ctx context.Context) error {
	s.goTask("afterInitialized", s.afterInitialized)
	return nil
}

// shutdown stops the analysis and the checks and answers once the checks
// in progress have ended (they are cancelled), so that exit finds nothing
// running.
func (s *Server) shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.state = stateShutdown
	s.mu.Unlock()
	s.diag.stop(false)
	s.async(ctx) // let $/cancelRequest through while the runs stop
	s.diag.checks.stop()
	if !s.diag.checks.waitRunning(ctx, stopTimeout) {
		s.log.Warn("checks did not stop in time")
	}
	return nil
}

func initializedHandler(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
	return nil, s.initialized(ctx)
}

func shutdownHandler(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
	return nil, s.shutdown(ctx)
}

func exitHandler(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
	s.exitMu.Do(func() { close(s.exit) })
	return nil, nil
}
