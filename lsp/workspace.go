package lsp

import (
	"context"
	"slices"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tlals/tlals/lsp/cache"
)

// Workspace methods: configuration, folders, watched files.

// watchedFilesID is the registration id of the file watchers.
const watchedFilesID = "tlals-watch-modules"

// WatchedGlobs are the file patterns the server asks the client to watch.
var WatchedGlobs = []string{"**/*.tla"}

// clientCallTimeout bounds a call to the client.
const clientCallTimeout = 10 * time.Second

func (s *Server) afterInitialized() {
	s.mu.Lock()
	caps := s.clientCaps
	s.mu.Unlock()
	ws := caps.Workspace
	if ws != nil && ws.DidChangeWatchedFiles != nil && ws.DidChangeWatchedFiles.DynamicRegistration != nil && *ws.DidChangeWatchedFiles.DynamicRegistration {
		s.registerWatchers()
	}
	s.pullConfiguration()
}

func (s *Server) registerWatchers() {
	var watchers []protocol.FileSystemWatcher
	for _, g := range WatchedGlobs {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(g)})
	}
	opts, err := protocol.Marshal(protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Error("encoding watcher registration", zap.Error(err))
		return
	}
	ctx, cancel := context.WithTimeout(s.bg, clientCallTimeout)
	defer cancel()
	err = s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: watchedFilesID, Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts,
	}}})
	if err != nil {
		s.log.Warn("client refused file watchers", zap.Error(err))
	}
}

// supportsConfiguration reports whether the client answers
// workspace/configuration.
func (s *Server) supportsConfiguration() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.clientCaps.Workspace
	return ws != nil && ws.Configuration != nil && *ws.Configuration
}

// pullConfiguration asks the client for the "tlals" section and applies it.
// It must not run on the read loop: the answer is read there.
func (s *Server) pullConfiguration() {
	if !s.supportsConfiguration() {
		return
	}
	ctx, cancel := context.WithTimeout(s.bg, clientCallTimeout)
	defer cancel()
	section := ConfigSection
	res, err := s.client.Configuration(ctx, &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: &section}}})
	if err != nil {
		s.log.Warn("workspace/configuration failed", zap.Error(err))
		return
	}
	if len(res) != 1 {
		s.log.Warn("workspace/configuration: unexpected answer", zap.Int("items", len(res)))
		return
	}
	s.mu.Lock()
	st, err := parseSettings(s.settings, res[0])
	if err != nil {
		s.log.Warn("bad settings", zap.Error(err))
	}
	s.settings = st
	s.applySettingsLocked()
	s.mu.Unlock()
	s.diag.schedule()
}

func (s *Server) didChangeConfiguration(ctx context.Context, p *protocol.DidChangeConfigurationParams) (any, error) {
	if s.supportsConfiguration() {
		s.goTask("pullConfiguration", s.pullConfiguration)
		return nil, nil
	}
	s.mu.Lock()
	st, err := parsePushedSettings(s.settings, p.Settings)
	if err != nil {
		s.log.Warn("bad settings", zap.Error(err))
	}
	s.settings = st
	s.applySettingsLocked()
	s.mu.Unlock()
	s.diag.schedule()
	return nil, nil
}

func (s *Server) didChangeWorkspaceFolders(ctx context.Context, p *protocol.DidChangeWorkspaceFoldersParams) (any, error) {
	s.mu.Lock()
	for _, r := range p.Event.Removed {
		s.folders = slices.DeleteFunc(s.folders, func(f protocol.WorkspaceFolder) bool { return f.URI == r.URI })
	}
	for _, a := range p.Event.Added {
		if !slices.ContainsFunc(s.folders, func(f protocol.WorkspaceFolder) bool { return f.URI == a.URI }) {
			s.folders = append(s.folders, a)
		}
	}
	s.applySettingsLocked()
	s.mu.Unlock()
	s.diag.schedule()
	return nil, nil
}

// Folders returns the workspace folders.
func (s *Server) Folders() []protocol.WorkspaceFolder {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.folders)
}

func (s *Server) didChangeWatchedFiles(ctx context.Context, p *protocol.DidChangeWatchedFilesParams) (any, error) {
	paths := make([]string, 0, len(p.Changes))
	for _, c := range p.Changes {
		paths = append(paths, cache.PathOf(c.URI))
	}
	s.log.Debug("watched files changed", zap.Strings("paths", paths))
	s.session.FilesChanged(paths)
	s.diag.schedule()
	return nil, nil
}
