package lsp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// DefaultMaxMessageBytes bounds the body of one incoming message. A 10 MB
// document, JSON-escaped, fits with room to spare.
const DefaultMaxMessageBytes = 64 << 20

// absurdFactor: a declared length above this many times the limit is a
// malformed header, not a message to skip (see readHeader).
const absurdFactor = 4

// maxHeaderLine bounds one header line; longer lines are garbage.
const maxHeaderLine = 4096

// stream is the server's side of the LSP base protocol: Content-Length
// framing over a byte transport. Unlike jsonrpc2.NewHeaderStream it never
// lets a bad frame end the connection. The jsonrpc2 connection stops reading
// on the first frame it cannot decode or frame it cannot find, so this
// stream filters them out first:
//
//   - a malformed header block is logged and skipped; reading resumes at the
//     next line that contains "Content-Length:" (the client may have written
//     a body whose header we could not read);
//   - a body larger than the limit is read and discarded; a declared
//     length beyond absurdFactor times the limit is a malformed header;
//   - a body that is not a JSON-RPC message is answered with a ParseError or
//     InvalidRequest error response with a null id, as JSON-RPC asks;
//   - a batch (a JSON array) is answered with InvalidRequest: LSP does not
//     use JSON-RPC batches.
//
// Only the end of the input (or a failing transport) ends the stream.
type stream struct {
	in     *bufio.Reader
	out    io.Writer
	closer io.Closer
	max    int
	log    *zap.Logger

	rbuf []byte

	wmu  sync.Mutex
	wbuf []byte
}

func newStream(r io.Reader, w io.Writer, c io.Closer, max int, log *zap.Logger) *stream {
	if max <= 0 {
		max = DefaultMaxMessageBytes
	}
	return &stream{in: bufio.NewReaderSize(r, 64<<10), out: w, closer: c, max: max, log: log}
}

var errHeaderGarbage = errors.New("malformed header")

// readHeader reads one header block and returns the declared content length.
// It returns errHeaderGarbage for a block that names no usable length; the
// offending lines have been consumed.
func (s *stream) readHeader() (int, error) {
	length := -1
	garbage := false
	lines := 0
	for {
		line, err := s.readLine()
		if err != nil {
			if err == io.EOF && lines > 0 {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		lines++
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			if lines == 1 {
				// Stray blank line between frames: tolerate it.
				lines = 0
				continue
			}
			break
		}
		// Resynchronise: a body we failed to frame may run into the next
		// header on the same line.
		if i := indexFold(line, "content-length:"); i > 0 {
			garbage = true
			line = line[i:]
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			garbage = true
			continue
		}
		key := bytes.TrimSpace(line[:colon])
		val := bytes.TrimSpace(line[colon+1:])
		if bytes.EqualFold(key, []byte("Content-Length")) {
			n, err := strconv.ParseInt(string(val), 10, 64)
			if err != nil || n <= 0 {
				garbage = true
				length = -1
				continue
			}
			if n > absurdFactor*int64(s.max) {
				// No client sends that much: the header is garbage, and
				// skipping that many bytes would swallow every later
				// message. Resynchronise on the next header instead.
				garbage = true
				length = -1
				continue
			}
			length = int(n)
		}
		// Other fields (Content-Type) are ignored.
	}
	if length < 0 {
		return 0, errHeaderGarbage
	}
	if garbage {
		s.log.Warn("recovered from malformed frame header")
	}
	return length, nil
}

// readLine returns one line including its "\n"; over-long lines are cut.
func (s *stream) readLine() ([]byte, error) {
	line, err := s.in.ReadSlice('\n')
	if err == bufio.ErrBufferFull || (err == nil && len(line) > maxHeaderLine) {
		// Skip the rest of an over-long line.
		for err == bufio.ErrBufferFull {
			_, err = s.in.ReadSlice('\n')
		}
		if err != nil {
			return nil, err
		}
		return []byte("garbage\n"), nil
	}
	if err != nil {
		if err == io.EOF && len(line) > 0 {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return line, nil
}

func indexFold(s []byte, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if bytes.EqualFold(s[i:i+n], []byte(sub)) {
			return i
		}
	}
	return -1
}

// ReadFrame returns the body of the next frame that the jsonrpc2 connection
// can decode. Frames it cannot are answered or dropped here.
func (s *stream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		length, err := s.readHeader()
		if err == errHeaderGarbage {
			s.log.Warn("dropped a frame with a malformed header")
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		if length > s.max {
			s.log.Warn("dropped an oversized message", zap.Int("bytes", length), zap.Int("limit", s.max))
			if _, err := io.CopyN(io.Discard, s.in, int64(length)); err != nil {
				return nil, 0, io.ErrUnexpectedEOF
			}
			s.replyError(ctx, jsonrpc2.NewError(jsonrpc2.InvalidRequest,
				fmt.Sprintf("message of %d bytes exceeds the limit of %d bytes", length, s.max)))
			continue
		}
		if cap(s.rbuf) < length {
			s.rbuf = make([]byte, length)
		}
		body := s.rbuf[:length]
		if _, err := io.ReadFull(s.in, body); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, 0, err
		}
		if rpcErr := checkMessage(body); rpcErr != nil {
			s.log.Warn("rejected a malformed message", zap.String("error", rpcErr.Message), zap.ByteString("body", clip(body, 200)))
			s.replyError(ctx, rpcErr)
			continue
		}
		return body, int64(length), nil
	}
}

// checkMessage reports why body is not a message the connection can decode.
func checkMessage(body []byte) *jsonrpc2.Error {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if !jsontext.Value(body).IsValid() {
		return jsonrpc2.NewError(jsonrpc2.ParseError, "invalid JSON")
	}
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "JSON-RPC batches are not supported by the Language Server Protocol")
	}
	if _, err := jsonrpc2.DecodeMessage(body); err != nil {
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "invalid JSON-RPC message: "+err.Error())
	}
	return nil
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// replyError answers an unreadable message: JSON-RPC asks for an error
// response with a null id.
func (s *stream) replyError(ctx context.Context, e *jsonrpc2.Error) {
	if _, err := s.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, e)); err != nil {
		s.log.Debug("could not answer a malformed message", zap.Error(err))
	}
}

// Read implements jsonrpc2.Stream; the connection uses ReadFrame.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	body, n, err := s.ReadFrame(ctx)
	if err != nil {
		return nil, 0, err
	}
	msg, err := jsonrpc2.DecodeMessage(body)
	return msg, n, err
}

// Write implements jsonrpc2.Stream: one header and body in one write.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.wbuf = jsonrpc2.AppendMessage(s.wbuf[:0], msg)
	return s.writeLocked(s.wbuf)
}

// WriteFrame writes an already encoded body.
func (s *stream) WriteFrame(ctx context.Context, data []byte) (int64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.writeLocked(data)
}

func (s *stream) writeLocked(body []byte) (int64, error) {
	frame := make([]byte, 0, len(body)+32)
	frame = append(frame, "Content-Length: "...)
	frame = strconv.AppendInt(frame, int64(len(body)), 10)
	frame = append(frame, "\r\n\r\n"...)
	frame = append(frame, body...)
	n, err := s.out.Write(frame)
	return int64(n), err
}

// Close closes the transport.
func (s *stream) Close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}
