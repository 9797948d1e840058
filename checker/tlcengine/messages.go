package tlcengine

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// TLC's -tool output frames each message as
//
//	@!@!@STARTMSG code:class @!@!@
//	text
//	@!@!@ENDMSG code @!@!@
//
// (tlc2.output.MP); lines outside a frame are what the specification
// prints (Print, PrintT) and SANY's parsing log.
const (
	startMark = "@!@!@STARTMSG "
	endMark   = "@!@!@ENDMSG "
	markTail  = " @!@!@"
)

// Message classes (tlc2.output.MP).
const (
	classError   = 1
	classTLCBug  = 2
	classWarning = 3
)

// Message codes this package reads (tlc2.output.EC).
const (
	codeGeneral                = 1000
	codeAssumptionFalse        = 2104
	codeNestedExpression       = 2103
	codeInvariantInitial       = 2107
	codeInvariantViolated      = 2110
	codeActionPropertyViolated = 2112
	codeDeadlock               = 2114
	codeTemporalViolated       = 2116
	codeBehaviorUpToHere       = 2121
	codeBackToState            = 2122
	codeAssertFailed           = 2132
	codeStarting               = 2185
	codeModeMC                 = 2187
	codeInitGenerated          = 2190
	codeSearchDepth            = 2194
	codeStats                  = 2199
	codeProgress               = 2200
	codeStatePrint             = 2217
	codeStuttering             = 2218
	codeCounterExample         = 2264
	codeDistributedServerUp    = 7000
)

// message is one framed message, or (code -1) one unframed line.
type message struct {
	code, class int
	text        string
}

// scanMessages reads TLC's output, calling emit for each message as it
// completes and for each line outside a frame. A message framed inside
// another (TLC nests the cause of an evaluation error in the error) is
// part of the enclosing message's text.
func scanMessages(r io.Reader, emit func(message)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64<<20) // a state prints on many long lines
	type open struct {
		m    message
		body []string
	}
	var stack []*open
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, startMark); ok {
			head, _, _ := strings.Cut(strings.TrimSuffix(rest, markTail), " ")
			codeText, classText, _ := strings.Cut(head, ":")
			code, _ := strconv.Atoi(codeText)
			class, _ := strconv.Atoi(classText)
			stack = append(stack, &open{m: message{code: code, class: class}})
			continue
		}
		if strings.HasPrefix(line, endMark) && len(stack) > 0 {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.m.text = strings.TrimRight(strings.Join(top.body, "\n"), "\n ")
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.body = append(parent.body, top.m.text)
				continue
			}
			emit(top.m)
			continue
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			top.body = append(top.body, line)
			continue
		}
		emit(message{code: -1, text: line})
	}
	for len(stack) > 0 { // TLC died inside a message
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		top.m.text = strings.Join(top.body, "\n")
		emit(top.m)
	}
	return sc.Err()
}
