/*
 * model.c — names of roles and audit actions (see model.h).
 */
#include "domain/model.h"

#include <string.h>

static const struct {
    enum role role;
    const char *name;
} roles[] = {
    {ROLE_OWNER, "owner"},
    {ROLE_MANAGER, "manager"},
    {ROLE_PRACTITIONER, "practitioner"},
    {ROLE_RECEPTION, "reception"},
};

const char *role_name(enum role r)
{
    if (r == ROLE_CLIENT)
        return "client";
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (roles[i].role == r)
            return roles[i].name;
    return "none";
}

enum role role_parse(const char *s)
{
    for (size_t i = 0; s && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(roles[i].name, s) == 0)
            return roles[i].role;
    return 0;
}

const char *audit_action_name(enum audit_action a)
{
    static const char *names[] = {"create", "read", "list", "update", "delete"};
    return names[a];
}
