"""Pure analyses: frames in, frames or dataclasses out. No file I/O, no plotting, no display."""
