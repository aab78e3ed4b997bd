def parse_budget(text, sections, idx, main, diags):
    return []
