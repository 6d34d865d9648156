"""Rendering a site's pages one after another: a recursive step function over a list becomes a loop."""
TEMPLATES = {"home": "<h1>{title}</h1>", "about": "<p>{title}</p>", "blog": "<ul>{title}</ul>"}


def load_template(name, on_done):
    on_done(TEMPLATES.get(name, "<div>{title}</div>"))


def render_page(page, on_done):
    def got(template):
        on_done(template.format(title=page.title()))

    load_template(page, got)


def render_site(pages, on_done):
    rendered = []

    def step(i):
        if i == len(pages):
            on_done(rendered)
            return
        render_page(pages[i], lambda html: (rendered.append(html), step(i + 1)))

    step(0)


render_site(["home", "about", "blog", "contact"], lambda pages: print("\n".join(pages)))
render_site([], lambda pages: print("empty site:", pages))
