"""The Streamlit front end: the app script, its pages and the data they load."""
