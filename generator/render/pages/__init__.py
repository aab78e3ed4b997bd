"""The page types of a year, one module each (Pelican's generators are the
model): each has one function, `pages(ctx) -> PageSet`, that returns its
pages, its nav entries and its assets. `render/year.py` lists them in nav
order and assembles the year by looping over that list; adding a page type
is a new module here and one line in `year.PAGE_TYPES`."""
