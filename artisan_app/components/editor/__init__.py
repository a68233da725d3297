"""The article editor's components: form, body, review, images, language, side panels."""
