package vn.motcua.app.shell;

public enum ScreenId {
    HOME, PROCEDURES, PROCEDURE, TICKET, RATING, STAFF
}
