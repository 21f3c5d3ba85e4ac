package fake

// blockSize is the number of elements per block of a chunked list.
const blockSize = 256

// chunked is an append-only list stored in fixed-size blocks. Unlike a
// growing slice it never copies what it holds, which keeps Send's cost flat
// however many messages a long test or a benchmark has recorded. It is not
// safe for concurrent use; Fake uses it with mu held.
type chunked[T any] struct {
	blocks [][]T // every block has capacity blockSize; only the last is partly filled
	n      int   // number of elements
}

// add appends v and returns its index.
func (c *chunked[T]) add(v T) int {
	if c.n%blockSize == 0 {
		c.blocks = append(c.blocks, make([]T, 0, blockSize))
	}
	last := &c.blocks[len(c.blocks)-1]
	*last = append(*last, v)
	c.n++
	return c.n - 1
}

// at returns a pointer to element i, which must be below len.
func (c *chunked[T]) at(i int) *T { return &c.blocks[i/blockSize][i%blockSize] }

// len returns the number of elements.
func (c *chunked[T]) len() int { return c.n }

// reset empties the list, dropping its blocks.
func (c *chunked[T]) reset() { c.blocks, c.n = nil, 0 }
