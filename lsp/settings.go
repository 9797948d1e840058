package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/tlals/tlals/lsp/cache"
)

// Settings are the client's "tlals" configuration section. Later features
// add fields here; parseSettings decodes each field on its own so that one
// bad value does not discard the others.
type Settings struct {
	// SearchPath lists directories searched for modules named by EXTENDS
	// and INSTANCE, after the directory of the importing module. Relative
	// entries are relative to the first workspace folder.
	SearchPath []string `json:"searchPath"`
	// LogLevel is the server's log level: debug, info, warn or error.
	LogLevel string `json:"logLevel"`
	// Check holds the model checker's settings (check.go decodes them).
	Check CheckSettings `json:"-"`
	// TranslateOnSave translates the PlusCal algorithm of a saved document
	// when its translation is stale (translate.go decodes it; off by
	// default).
	TranslateOnSave bool `json:"-"`
	// FormatOnSave formats a document before it is saved
	// (willSaveWaitUntil; will_save_wait_until.go decodes it; off by
	// default).
	FormatOnSave bool `json:"-"`
	// ParameterHints shows the parameter names of operator calls as inlay
	// hints (inlay_hint.go decodes it; off by default).
	ParameterHints bool `json:"-"`
}

// ConfigSection is the configuration section the server pulls.
const ConfigSection = "tlals"

func defaultSettings() Settings { return Settings{} }

// settingFields decode the fields of Settings one by one.
var settingFields = map[string]func(*Settings, json.RawMessage) error{
	"searchPath": func(st *Settings, raw json.RawMessage) error {
		var v []string
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		st.SearchPath = v
		return nil
	},
	"logLevel": func(st *Settings, raw json.RawMessage) error {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		if _, err := zapcore.ParseLevel(v); err != nil {
			return err
		}
		st.LogLevel = v
		return nil
	},
}

// parseSettings reads a "tlals" section over base. Unknown keys are
// ignored; a key with a bad value keeps base's value and is reported in the
// error. A null section leaves base unchanged.
func parseSettings(base Settings, raw []byte) (Settings, error) {
	st := base
	st.SearchPath = slices.Clone(base.SearchPath)
	if len(raw) == 0 || string(raw) == "null" {
		return st, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return base, fmt.Errorf("settings: %w", err)
	}
	var errs []error
	for k, v := range fields {
		dec, ok := settingFields[k]
		if !ok || string(v) == "null" {
			continue
		}
		if err := dec(&st, v); err != nil {
			errs = append(errs, fmt.Errorf("settings: %s.%s: %w", ConfigSection, k, err))
		}
	}
	return st, errors.Join(errs...)
}

// parsePushedSettings reads the settings of a didChangeConfiguration
// notification: an object with a "tlals" member.
func parsePushedSettings(base Settings, raw []byte) (Settings, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		return base, fmt.Errorf("settings: %w", err)
	}
	sec, ok := all[ConfigSection]
	if !ok {
		return base, nil
	}
	return parseSettings(base, sec)
}

// applySettingsLocked pushes s.settings into the session and the logger.
func (s *Server) applySettingsLocked() {
	var dirs []string
	for _, d := range s.settings.SearchPath {
		if d = s.resolvePathLocked(d); d != "" {
			dirs = append(dirs, d)
		}
	}
	s.session.SetSearchPath(dirs)
	if s.settings.LogLevel != "" && s.opts.Level != nil {
		if lvl, err := zapcore.ParseLevel(s.settings.LogLevel); err == nil {
			s.opts.Level.SetLevel(lvl)
		}
	}
	s.log.Debug("settings applied", zap.Strings("searchPath", dirs), zap.String("logLevel", s.settings.LogLevel))
}

// Settings returns the current settings (for features and tests).
func (s *Server) Settings() Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.settings
	st.SearchPath = slices.Clone(st.SearchPath)
	return st
}

// Session exposes the server's session (for tests and features).
func (s *Server) Session() *cache.Session { return s.session }
