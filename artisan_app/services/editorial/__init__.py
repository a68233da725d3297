"""The newsroom's rules: authoring, access, the editor's form, saving, workflow, review, revisions, translations, trash."""
