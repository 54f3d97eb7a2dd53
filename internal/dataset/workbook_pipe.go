package dataset

import (
	"io"
	"sync"
)

// Piped returns what write writes as a reader: write runs on a goroutine
// of its own as the reader is read, and its error is the reader's. Closing
// the reader early makes write's next write fail, so write returns.
func Piped(write func(io.Writer) error) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(write(pw)) }()
	return pr
}

// The readers between the goroutines of a workbook: one inflates the
// sheet ahead of the XML reader, one carries the CSV the sheet is turned
// into to the CSV reader.

// chunks is the reading end both share: the chunks filled on the other
// goroutine arrive on full and go back on free once read.
type chunks struct {
	full  chan []byte
	free  chan []byte
	err   error  // what Read returns once full is closed; set before
	cur   []byte // what is not read yet of chunk
	chunk []byte
}

// newChunks returns a reading end with room for ahead filled chunks, and
// two more: the one being read and the one being filled.
func newChunks(ahead, size int) chunks {
	c := chunks{full: make(chan []byte, ahead), free: make(chan []byte, ahead+2)}
	for range ahead + 2 {
		c.free <- make([]byte, 0, size)
	}
	return c
}

func (c *chunks) Read(p []byte) (int, error) {
	for len(c.cur) == 0 {
		if c.chunk != nil {
			c.free <- c.chunk[:0]
			c.chunk = nil
		}
		b, ok := <-c.full
		if !ok {
			return 0, c.err
		}
		c.chunk, c.cur = b, b
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

// aheadReader decompresses a part in its own goroutine, a few chunks
// ahead of the XML reader: inflating is a third of the work of reading a
// sheet, and on two cores it overlaps the rest. It holds at most
// aheadChunks+2 chunks.
type aheadReader struct {
	chunks
	stop chan struct{}
	done chan struct{}
	rc   io.ReadCloser
}

func newAheadReader(rc io.ReadCloser) *aheadReader {
	a := &aheadReader{chunks: newChunks(aheadChunks, aheadChunk), stop: make(chan struct{}), done: make(chan struct{}), rc: rc}
	go a.run()
	return a
}

func (a *aheadReader) run() {
	defer close(a.done)
	defer close(a.full)
	for {
		var b []byte
		select {
		case b = <-a.free:
		case <-a.stop:
			return
		}
		n, err := io.ReadFull(a.rc, b[:cap(b)])
		if n > 0 {
			select {
			case a.full <- b[:n]:
			case <-a.stop:
				return
			}
		}
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		if err != nil {
			a.err = err
			return
		}
	}
}

func (a *aheadReader) Close() error {
	close(a.stop)
	<-a.done
	return a.rc.Close()
}

// chunkPipe is io.Pipe with room for a few chunks: the sheet's writer
// runs ahead of the CSV's reader instead of waiting for it at every write,
// which on a busy machine cost more than the work (each wait is a wake-up
// of the other goroutine). It holds at most pipeChunks chunks.
type chunkPipe struct {
	chunks               // err is the writer's error, io.EOF when it closed
	gone   chan struct{} // closed when the reader stops
	once   sync.Once
	wbuf   []byte // the writer's chunk being filled
}

func newChunkPipe() *chunkPipe {
	return &chunkPipe{chunks: newChunks(pipeChunks, pipeChunk), gone: make(chan struct{})}
}

func (p *chunkPipe) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if p.wbuf == nil {
			select {
			case p.wbuf = <-p.free:
			case <-p.gone:
				return n, io.ErrClosedPipe
			}
		}
		k := copy(p.wbuf[len(p.wbuf):cap(p.wbuf)], b)
		p.wbuf, b, n = p.wbuf[:len(p.wbuf)+k], b[k:], n+k
		if len(p.wbuf) == cap(p.wbuf) {
			if err := p.send(); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

func (p *chunkPipe) send() error {
	select {
	case p.full <- p.wbuf:
		p.wbuf = nil
		return nil
	case <-p.gone:
		return io.ErrClosedPipe
	}
}

// closeWrite ends the stream: the reader gets err, or io.EOF when nil.
func (p *chunkPipe) closeWrite(err error) {
	if len(p.wbuf) > 0 {
		p.send()
	}
	if err == nil {
		err = io.EOF
	}
	p.err = err
	close(p.full)
}

// closeRead tells the writer that nothing more will be read.
func (p *chunkPipe) closeRead() { p.once.Do(func() { close(p.gone) }) }

const (
	aheadChunk  = 256 << 10
	aheadChunks = 2
)

const (
	pipeChunk  = 256 << 10
	pipeChunks = 4
)
